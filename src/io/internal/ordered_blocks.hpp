#pragma once
// Formatting a long list in blocks on several threads while one thread writes the blocks, in order, as they are
// done: output streams at the speed of the slower of formatting (split over the cores) and writing, and memory
// stays at a few blocks whatever the length of the list.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace ansvar::io::internal {

// Appends the formatted items [begin, end) to `out`. Called concurrently for different blocks: it must only read
// what it shares.
using FormatBlock = std::function<void(size_t begin, size_t end, std::string& out)>;
// Takes the next piece of output; false stops everything (a write failed).
using WritePiece = std::function<bool(std::string_view)>;

// Items [0, n) in blocks of `block` items, formatted on `threads` threads (0: one per core; 1: the caller's
// thread alone) and written in order. False when a write failed.
bool FormatInOrder(size_t n, size_t block, unsigned threads, const FormatBlock& format, const WritePiece& write);

}  // namespace ansvar::io::internal
