#pragma once
// The VFS the store opens its SQLite files with: SQLite's own, except that the WAL frames of a transaction reach the
// kernel in one write at its commit frame instead of two pwrite()s per page (a 24-byte frame header, then the page,
// each straddling the kernel's page-cache pages). A create of one system writes some 45 pages: before, 90 system
// calls and about 135 page-cache updates, a third of its CPU; now one call. Internal to store/sqlite/.
//
// Why this keeps SQLite's guarantees: SQLite writes every frame of a commit before it publishes the commit in the
// WAL index (the shared memory other connections and processes read), so a commit whose frames are written when its
// commit frame is written is seen by others exactly as before. What is gathered and not yet written is what a crash
// at that moment would lose anyway (frames of an uncommitted transaction). A failed write is reported by the write of
// the commit frame, as SQLite's own write would be. Anything but the frame pattern (the WAL header, a frame written
// again in place, a read, a sync, a truncate) first writes what is gathered, then goes to SQLite's VFS unchanged.
namespace ansvar::store::sqlite {

// The name to give sqlite3_open_v2: the VFS is registered (not as the default) on the first call.
const char* WalBatchingVfs();

}  // namespace ansvar::store::sqlite
