#include "io/internal/ordered_blocks.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace ansvar::io::internal {

bool FormatInOrder(size_t n, size_t block, unsigned threads, const FormatBlock& format, const WritePiece& write) {
  block = std::max<size_t>(block, 1);
  const size_t blocks = (n + block - 1) / block;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, blocks));
  if (threads <= 1) {
    std::string out;
    for (size_t b = 0; b < blocks; ++b) {
      out.clear();
      format(b * block, std::min(n, (b + 1) * block), out);
      if (!write(out)) return false;
    }
    return true;
  }

  // A ring of slots: block b is formatted into slot b % slots once the writer has taken block b - slots.
  const size_t slots = 4 * static_cast<size_t>(threads);
  struct Slot {
    std::string text;
    size_t block = SIZE_MAX;  // the block the text holds, SIZE_MAX while none
  };
  std::vector<Slot> ring(slots);
  std::mutex mu;
  std::condition_variable changed;
  size_t written = 0;  // blocks handed to `write`
  bool failed = false;
  std::atomic<size_t> next{0};

  auto work = [&] {
    std::string text;
    for (size_t b = next++; b < blocks; b = next++) {
      {
        std::unique_lock lock(mu);
        changed.wait(lock, [&] { return failed || b < written + slots; });
        if (failed) return;
        text = std::move(ring[b % slots].text);  // reuse the capacity of the block written before
      }
      text.clear();
      format(b * block, std::min(n, (b + 1) * block), text);
      {
        std::lock_guard lock(mu);
        ring[b % slots].text = std::move(text);
        ring[b % slots].block = b;
      }
      changed.notify_all();
    }
  };
  std::vector<std::jthread> workers;
  workers.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) workers.emplace_back(work);

  std::string text;
  for (size_t b = 0; b < blocks; ++b) {
    {
      std::unique_lock lock(mu);
      changed.wait(lock, [&] { return ring[b % slots].block == b; });
      text = std::move(ring[b % slots].text);
      ring[b % slots].block = SIZE_MAX;
    }
    const bool ok = write(text);
    {
      std::lock_guard lock(mu);
      ring[b % slots].text = std::move(text);
      written = b + 1;
      failed = !ok;
    }
    changed.notify_all();
    if (!ok) return false;
  }
  return true;
}

}  // namespace ansvar::io::internal
