#pragma once
// A map from entity ids to values, for the lookups over a whole register (model/validate.cpp,
// rules/register_index.cpp): open addressing with linear probing, each slot holding the id's hash, the id (a view
// into the register, which must outlive the map) and the value. A lookup usually touches one slot and the id it
// compares, where std::unordered_map touches a bucket, a node and the id. Insert keeps the first value of an id,
// as std::unordered_map::emplace does.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace ansvar::model {

inline uint64_t HashId(std::string_view id) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
  uint64_t h = static_cast<uint64_t>(id.size()) * kMul;
  const char* p = id.data();
  size_t n = id.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w = 0;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  uint64_t w = 0;
  if (n > 0) std::memcpy(&w, p, n);
  h = (h ^ w) * kMul;
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ull;
  h ^= h >> 32;
  return h;
}

template <class V>
class IdMap {
 public:
  IdMap() = default;

  // Room for `n` ids without growing.
  void Reserve(size_t n) {
    size_t capacity = 16;
    while (capacity * 3 < n * 4) capacity <<= 1;
    if (capacity > slots_.size()) Rehash(capacity);
  }

  // Inserts the id when absent. Returns the value stored for it and whether it was inserted.
  std::pair<const V*, bool> Insert(std::string_view id, V value) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Rehash(std::max<size_t>(16, slots_.size() * 2));
    const uint64_t h = HashId(id);
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.data == nullptr) {
        s = Slot{h, id.data() != nullptr ? id.data() : "", id.size(), std::move(value)};
        ++size_;
        return {&s.value, true};
      }
      if (s.hash == h && Key(s) == id) return {&s.value, false};
    }
  }

  // The value of the id, or nullptr.
  [[nodiscard]] const V* Find(std::string_view id) const {
    if (size_ == 0) return nullptr;
    const uint64_t h = HashId(id);
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.data == nullptr) return nullptr;
      if (s.hash == h && Key(s) == id) return &s.value;
    }
  }
  [[nodiscard]] bool Contains(std::string_view id) const { return Find(id) != nullptr; }
  [[nodiscard]] size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t hash = 0;
    const char* data = nullptr;  // nullptr: an empty slot
    size_t size = 0;
    V value{};
  };
  static std::string_view Key(const Slot& s) { return {s.data, s.size}; }

  void Rehash(size_t capacity) {
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    const size_t mask = capacity - 1;
    for (auto& s : old) {
      if (s.data == nullptr) continue;
      size_t i = s.hash & mask;
      while (slots_[i].data != nullptr) i = (i + 1) & mask;
      slots_[i] = std::move(s);
    }
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace ansvar::model
