#include "store/sqlite/wal_writes.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>

namespace ansvar::store::sqlite {
namespace {

// The WAL file's format (https://sqlite.org/fileformat2.html#walformat): a 32-byte header, then frames, each a
// 24-byte header and a page. Bytes 4–7 of a frame header are nonzero only in the commit frame of a transaction.
constexpr sqlite3_int64 kWalHeaderBytes = 32;
constexpr int kFrameHeaderBytes = 24;
constexpr int kMinPageBytes = 512;
// SQLite's unix VFS writes at most 128 KiB - 1 bytes a call (it masks the length to 17 bits): larger writes go in
// pieces of this size.
constexpr size_t kMaxWriteBytes = 124 << 10;
// A bulk transaction (a national import) writes gigabytes of frames: they go out in pieces of this size.
constexpr size_t kMaxGatheredBytes = 4 << 20;

// What a WAL file has gathered and not yet written: contiguous bytes from `offset`.
struct Gathered {
  std::string bytes;
  sqlite3_int64 offset = 0;
  bool after_header = false;  // the last write gathered was a frame header: the next one is its page
  bool commit = false;        // and that frame is a commit frame
};

// A main database file or its WAL: SQLite's own file object follows this one in the memory SQLite gives xOpen.
// The database file knows its WAL, so that what the WAL has gathered is written before the connection gives up
// its WAL write lock: frames of a transaction that spilled and then rolled back are written then, as SQLite would
// have written them, never later, over frames another process has committed meanwhile.
struct File {
  sqlite3_file base;
  Gathered* gathered;  // a WAL's, owned (freed by Close); null for the database file
  File* wal;           // the database file's open WAL
  File* db;            // the WAL's database file
};

constexpr size_t kRealOffset =
    (sizeof(File) + alignof(std::max_align_t) - 1) / alignof(std::max_align_t) * alignof(std::max_align_t);

sqlite3_vfs* g_base = nullptr;  // SQLite's default VFS, which does the work
sqlite3_vfs g_vfs{};
sqlite3_io_methods g_methods{};

File* Of(sqlite3_file* f) { return reinterpret_cast<File*>(f); }  // NOLINT: SQLite's C object model
sqlite3_file* Real(sqlite3_file* f) {
  return reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + kRealOffset);  // NOLINT: as above
}

int Flush(sqlite3_file* f) {
  Gathered* g = Of(f)->gathered;
  if (g == nullptr) return SQLITE_OK;
  g->after_header = false;
  if (g->bytes.empty()) return SQLITE_OK;
  sqlite3_file* real = Real(f);
  int rc = SQLITE_OK;
  for (size_t done = 0; done < g->bytes.size() && rc == SQLITE_OK; done += kMaxWriteBytes) {
    const size_t n = std::min(kMaxWriteBytes, g->bytes.size() - done);
    rc = real->pMethods->xWrite(real, g->bytes.data() + done, static_cast<int>(n),
                                g->offset + static_cast<sqlite3_int64>(done));
  }
  g->bytes.clear();
  return rc;
}

int Write(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
  sqlite3_file* real = Real(f);
  if (Of(f)->gathered == nullptr) return real->pMethods->xWrite(real, data, amount, offset);
  Gathered& g = *Of(f)->gathered;
  const bool contiguous = g.bytes.empty() || offset == g.offset + static_cast<sqlite3_int64>(g.bytes.size());
  const bool header = !g.after_header && amount == kFrameHeaderBytes;
  const bool page = g.after_header && amount >= kMinPageBytes;
  if (!contiguous || offset < kWalHeaderBytes || (!header && !page)) {
    if (const int rc = Flush(f); rc != SQLITE_OK) return rc;
    return real->pMethods->xWrite(real, data, amount, offset);
  }
  if (g.bytes.empty()) g.offset = offset;
  g.bytes.append(static_cast<const char*>(data), static_cast<size_t>(amount));
  if (header) {
    const auto* h = static_cast<const unsigned char*>(data);
    g.commit = (h[4] | h[5] | h[6] | h[7]) != 0;
    g.after_header = true;
    return SQLITE_OK;
  }
  g.after_header = false;
  if (g.commit || g.bytes.size() >= kMaxGatheredBytes) return Flush(f);
  return SQLITE_OK;
}

int Close(sqlite3_file* f) {
  File& file = *Of(f);
  const int flushed = Flush(f);
  if (file.db != nullptr) file.db->wal = nullptr;
  if (file.wal != nullptr) file.wal->db = nullptr;
  delete file.gathered;  // NOLINT(cppcoreguidelines-owning-memory): made by Open, in SQLite's C object
  file.gathered = nullptr;
  sqlite3_file* real = Real(f);
  const int closed = real->pMethods != nullptr ? real->pMethods->xClose(real) : SQLITE_OK;
  return flushed != SQLITE_OK ? flushed : closed;
}

// What may read, size or sync the WAL writes what it has gathered first.
int Read(sqlite3_file* f, void* data, int amount, sqlite3_int64 offset) {
  if (const int rc = Flush(f); rc != SQLITE_OK) return rc;
  return Real(f)->pMethods->xRead(Real(f), data, amount, offset);
}
int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (const int rc = Flush(f); rc != SQLITE_OK) return rc;
  return Real(f)->pMethods->xTruncate(Real(f), size);
}
int Sync(sqlite3_file* f, int flags) {
  if (const int rc = Flush(f); rc != SQLITE_OK) return rc;
  return Real(f)->pMethods->xSync(Real(f), flags);
}
int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  if (const int rc = Flush(f); rc != SQLITE_OK) return rc;
  return Real(f)->pMethods->xFileSize(Real(f), size);
}
int FileControl(sqlite3_file* f, int op, void* arg) {
  if (const int rc = Flush(f); rc != SQLITE_OK) return rc;
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}
int Fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** p) {
  if (const int rc = Flush(f); rc != SQLITE_OK) return rc;
  return Real(f)->pMethods->xFetch(Real(f), offset, amount, p);
}
// The database file's shared-memory locks: before any is released (the WAL write lock among them), its WAL is
// written out.
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  if ((flags & SQLITE_SHM_UNLOCK) != 0 && Of(f)->wal != nullptr) {
    if (const int rc = Flush(&Of(f)->wal->base); rc != SQLITE_OK) return rc;
  }
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
int Lock(sqlite3_file* f, int level) { return Real(f)->pMethods->xLock(Real(f), level); }
int Unlock(sqlite3_file* f, int level) { return Real(f)->pMethods->xUnlock(Real(f), level); }
int CheckReservedLock(sqlite3_file* f, int* out) { return Real(f)->pMethods->xCheckReservedLock(Real(f), out); }
int SectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int DeviceCharacteristics(sqlite3_file* f) { return Real(f)->pMethods->xDeviceCharacteristics(Real(f)); }
int ShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** p) {
  return Real(f)->pMethods->xShmMap(Real(f), region, size, extend, p);
}
void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShmUnmap(sqlite3_file* f, int remove) { return Real(f)->pMethods->xShmUnmap(Real(f), remove); }
int Unfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) { return Real(f)->pMethods->xUnfetch(Real(f), offset, p); }

// A main database file and its WAL are wrapped; every other file (journals, temporary files) is SQLite's own file
// object, opened in place.
int Open(sqlite3_vfs* /*vfs*/, const char* name, sqlite3_file* f, int flags, int* out_flags) {
  const bool wal = (flags & SQLITE_OPEN_WAL) != 0;
  if (!wal && (flags & SQLITE_OPEN_MAIN_DB) == 0) return g_base->xOpen(g_base, name, f, flags, out_flags);
  f->pMethods = nullptr;  // until opened: SQLite closes only what has methods
  sqlite3_file* real = Real(f);
  if (const int rc = g_base->xOpen(g_base, name, real, flags, out_flags); rc != SQLITE_OK) return rc;
  if (real->pMethods == nullptr || real->pMethods->iVersion < g_methods.iVersion) {
    if (real->pMethods != nullptr) real->pMethods->xClose(real);
    return SQLITE_CANTOPEN;
  }
  File& file = *Of(f);
  file.gathered = nullptr;
  file.wal = nullptr;
  file.db = nullptr;
  if (wal) {
    file.gathered = new Gathered();  // NOLINT(cppcoreguidelines-owning-memory): freed by Close
    // The connection's database file, opened by this VFS before its WAL.
    if (sqlite3_file* db = sqlite3_database_file_object(name); db != nullptr && db->pMethods == &g_methods) {
      file.db = Of(db);
      Of(db)->wal = &file;
    }
  }
  f->pMethods = &g_methods;
  return SQLITE_OK;
}

void Register() {
  g_base = sqlite3_vfs_find(nullptr);
  if (g_base == nullptr) throw std::runtime_error("sqlite: no default VFS");
  g_vfs = *g_base;
  g_vfs.pNext = nullptr;
  g_vfs.zName = "ansvar-wal-batching";
  g_vfs.szOsFile = static_cast<int>(kRealOffset) + g_base->szOsFile;
  g_vfs.xOpen = Open;
  g_methods.iVersion = 3;
  g_methods.xClose = Close;
  g_methods.xRead = Read;
  g_methods.xWrite = Write;
  g_methods.xTruncate = Truncate;
  g_methods.xSync = Sync;
  g_methods.xFileSize = FileSize;
  g_methods.xLock = Lock;
  g_methods.xUnlock = Unlock;
  g_methods.xCheckReservedLock = CheckReservedLock;
  g_methods.xFileControl = FileControl;
  g_methods.xSectorSize = SectorSize;
  g_methods.xDeviceCharacteristics = DeviceCharacteristics;
  g_methods.xShmMap = ShmMap;
  g_methods.xShmLock = ShmLock;
  g_methods.xShmBarrier = ShmBarrier;
  g_methods.xShmUnmap = ShmUnmap;
  g_methods.xFetch = Fetch;
  g_methods.xUnfetch = Unfetch;
  if (sqlite3_vfs_register(&g_vfs, 0) != SQLITE_OK) throw std::runtime_error("sqlite: cannot register the VFS");
}

}  // namespace

const char* WalBatchingVfs() {
  static std::once_flag once;
  std::call_once(once, Register);
  return g_vfs.zName;
}

}  // namespace ansvar::store::sqlite
