#include "store/audit_images.hpp"

#include <zstd.h>

#include <algorithm>
#include <exception>
#include <map>
#include <stdexcept>
#include <thread>
#include <utility>

namespace ansvar::store::internal {
namespace {

constexpr char kFormat = 1;
constexpr size_t kHeader = 5;  // the format byte and the dictionary's id
// zstd's fastest regular level: the images are compressed while the register's rows are written, and level 3 made
// them only some 5 % smaller (measured on a national register's systems and activities with a 64 KiB dictionary).
constexpr int kLevel = 1;

void PutId(std::string& out, int64_t id) {
  auto v = static_cast<uint32_t>(id);
  for (int i = 0; i < 4; ++i) {
    out.push_back(static_cast<char>(v & 0xffU));
    v >>= 8U;
  }
}

int64_t GetId(std::string_view s) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8U) | static_cast<unsigned char>(s[static_cast<size_t>(1 + i)]);
  return v;
}

}  // namespace

std::string ImageDictionary(const std::vector<Change>& audit, size_t limit) {
  // Byte-proportional systematic sampling: an image is taken each time the running byte count passes the next
  // multiple of the stride, so each kind gets room in proportion to its share of the bytes (a national register:
  // mostly systems and processing activities, some people and organizations).
  double total = 0, squares = 0;
  for (const Change& c : audit)
    for (const std::string* image : {&c.before_json, &c.after_json}) {
      total += static_cast<double>(image->size());
      squares += static_cast<double>(image->size()) * static_cast<double>(image->size());
    }
  if (total < static_cast<double>(kCompressImagesFrom) || limit == 0) return {};
  // A byte taken at random lies in an image of this size on average: so many bytes come with each pick.
  const double per_pick = squares / total;
  const double stride = std::max(1.0, total * per_pick / static_cast<double>(limit));
  std::string dict;
  double seen = 0, next = stride / 2;
  for (const Change& c : audit)
    for (const std::string* image : {&c.before_json, &c.after_json}) {
      seen += static_cast<double>(image->size());
      if (seen < next || image->empty()) continue;
      while (next <= seen) next += stride;
      dict.append(*image, 0, std::min(image->size(), limit - dict.size()));
      if (dict.size() >= limit) return dict;
    }
  return dict;
}

struct ImageCompressor::State {
  ZSTD_CCtx* cctx = nullptr;
  ZSTD_CDict* cdict = nullptr;
  int64_t id = 0;
  std::string buffer;
  ~State() {
    ZSTD_freeCDict(cdict);
    ZSTD_freeCCtx(cctx);
  }
};

ImageCompressor::ImageCompressor(int64_t dictionary_id, std::string_view dictionary) : state_(new State) {
  if (dictionary_id < 0 || dictionary_id > UINT32_MAX) throw StoreError("audit images: dictionary id out of range");
  state_->id = dictionary_id;
  state_->cctx = ZSTD_createCCtx();
  state_->cdict = ZSTD_createCDict(dictionary.data(), dictionary.size(), kLevel);
  if (state_->cctx == nullptr || state_->cdict == nullptr) throw StoreError("audit images: zstd is out of memory");
}

ImageCompressor::~ImageCompressor() = default;

std::string ImageCompressor::Compress(std::string_view json) {
  if (json.empty()) return {};
  // Into a buffer kept between calls, then copied at its size: a string sized to the bound and cut back would keep
  // the bound's capacity (a national import: 520 MB held instead of 105 MB).
  std::string& buffer = state_->buffer;
  buffer.resize(std::max(buffer.size(), ZSTD_compressBound(json.size())));
  const size_t n =
      ZSTD_compress_usingCDict(state_->cctx, buffer.data(), buffer.size(), json.data(), json.size(), state_->cdict);
  if (ZSTD_isError(n) != 0U) throw StoreError(std::string("audit images: ") + ZSTD_getErrorName(n));
  std::string out;
  out.reserve(kHeader + n);
  out.push_back(kFormat);
  PutId(out, state_->id);
  out.append(buffer, 0, n);
  return out;
}

CompressedImages CompressImages(const std::vector<Change>& audit, int64_t dictionary_id, std::string_view dictionary,
                                unsigned threads) {
  CompressedImages out;
  out.before.resize(audit.size());
  out.after.resize(audit.size());
  auto run = [&](size_t from, size_t to) {
    ImageCompressor z(dictionary_id, dictionary);
    for (size_t i = from; i < to; ++i) {
      out.before[i] = z.Compress(audit[i].before_json);
      out.after[i] = z.Compress(audit[i].after_json);
    }
  };
  threads = std::max(1U, std::min<unsigned>(threads, static_cast<unsigned>(audit.size() / 1000 + 1)));
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> failed(threads);
  const size_t chunk = (audit.size() + threads - 1) / threads;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back([&, t] {
      try {
        run(std::min(audit.size(), t * chunk), std::min(audit.size(), (t + 1) * chunk));
      } catch (...) {
        failed[t] = std::current_exception();
      }
    });
  try {
    run(0, std::min(audit.size(), chunk));
  } catch (...) {
    failed[0] = std::current_exception();
  }
  for (auto& t : pool) t.join();
  for (const auto& f : failed)
    if (f) std::rethrow_exception(f);
  return out;
}

struct ImageDecompressor::State {
  Lookup lookup;
  ZSTD_DCtx* dctx = nullptr;
  std::map<int64_t, ZSTD_DDict*> dicts;  // nullptr: the id has no dictionary
  ~State() {
    for (auto& [id, d] : dicts) ZSTD_freeDDict(d);
    ZSTD_freeDCtx(dctx);
  }
};

ImageDecompressor::ImageDecompressor(Lookup dictionary) : state_(new State) {
  state_->lookup = std::move(dictionary);
  state_->dctx = ZSTD_createDCtx();
  if (state_->dctx == nullptr) throw StoreError("audit images: zstd is out of memory");
}

ImageDecompressor::~ImageDecompressor() = default;

std::optional<std::string> ImageDecompressor::Decompress(std::string_view stored, std::string& problem) {
  if (stored.size() <= kHeader || stored[0] != kFormat) {
    problem = "an audit image in an unknown form";
    return std::nullopt;
  }
  const int64_t id = GetId(stored);
  auto it = state_->dicts.find(id);
  if (it == state_->dicts.end()) {
    ZSTD_DDict* d = nullptr;
    if (auto content = state_->lookup(id)) {
      d = ZSTD_createDDict(content->data(), content->size());
      if (d == nullptr) throw StoreError("audit images: zstd is out of memory");
    }
    it = state_->dicts.emplace(id, d).first;
  }
  if (it->second == nullptr) {
    problem = "the dictionary " + std::to_string(id) + " of an audit image is missing";
    return std::nullopt;
  }
  const std::string_view frame = stored.substr(kHeader);
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  // An image is one entity's JSON: a size beyond 1 GiB is a damaged header, not an image.
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ULL << 30U)) {
    problem = "an audit image's compressed frame is unreadable";
    return std::nullopt;
  }
  std::string json(static_cast<size_t>(size), '\0');
  const size_t n =
      ZSTD_decompress_usingDDict(state_->dctx, json.data(), json.size(), frame.data(), frame.size(), it->second);
  if (ZSTD_isError(n) != 0U || n != json.size()) {
    problem = "an audit image does not decompress";
    return std::nullopt;
  }
  return json;
}

}  // namespace ansvar::store::internal
