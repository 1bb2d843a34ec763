#pragma once
// The audit images of a whole-register replace, kept compressed (zstd) with a dictionary made of the same replace's
// images. A national import's 601,099 images are 520 MB of JSON that repeats the same keys and values entity after
// entity: zstd alone shrinks each by about 2 ×, with a 64 KiB dictionary of sample images by about 5 ×, and the
// trail's pages are written twice (WAL, checkpoint). What is hashed and what every read returns is the JSON itself:
// a compressed image that is altered, or whose dictionary is, no longer verifies. Internal to store/.
//
// A compressed image: one format byte (1), the dictionary's id as 4 bytes little-endian, then one zstd frame that
// records its content size. The dictionaries are kept by the backend under their id, never changed.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace ansvar::store::internal {

// A replace compresses its images when they are at least this many bytes together (smaller ones stay text).
inline constexpr size_t kCompressImagesFrom = 256 * 1024;

// Sample images of `audit` (spread over it in proportion to the bytes of each kind) as a raw-content dictionary of
// at most `limit` bytes; empty when the images are fewer than kCompressImagesFrom bytes together.
std::string ImageDictionary(const std::vector<Change>& audit, size_t limit = 64 * 1024);

// Compresses images with one dictionary; not thread-safe (one compressor per thread).
class ImageCompressor {
 public:
  ImageCompressor(int64_t dictionary_id, std::string_view dictionary);
  ~ImageCompressor();
  ImageCompressor(const ImageCompressor&) = delete;
  ImageCompressor& operator=(const ImageCompressor&) = delete;
  // The compressed form of `json` ("" stays "": no image).
  [[nodiscard]] std::string Compress(std::string_view json);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The compressed images of `audit` (before, after), index by index, on `threads` threads.
struct CompressedImages {
  std::vector<std::string> before, after;
};
CompressedImages CompressImages(const std::vector<Change>& audit, int64_t dictionary_id, std::string_view dictionary,
                                unsigned threads);

// Reads compressed images back; `dictionary` looks a dictionary up by id (nullopt: there is none). Each dictionary is
// prepared once per decompressor.
class ImageDecompressor {
 public:
  using Lookup = std::function<std::optional<std::string>(int64_t id)>;
  explicit ImageDecompressor(Lookup dictionary);
  ~ImageDecompressor();
  ImageDecompressor(const ImageDecompressor&) = delete;
  ImageDecompressor& operator=(const ImageDecompressor&) = delete;
  // The JSON of a compressed image; nullopt (and why) when it cannot be read back.
  std::optional<std::string> Decompress(std::string_view stored, std::string& problem);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ansvar::store::internal
