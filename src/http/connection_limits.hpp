#pragma once
// How many connections the server holds at once, in all and per peer address (issue 17): one address cannot take
// every file descriptor, and the server never runs out of them. A slot is taken when a connection is accepted and
// given back when its session ends; a connection without a slot is closed at once.
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace ansvar::http {

class ConnectionLimits;

// A held slot: given back when destroyed.
class ConnectionSlot {
 public:
  ConnectionSlot() = default;
  ConnectionSlot(ConnectionLimits* limits, std::string address) : limits_(limits), address_(std::move(address)) {}
  ConnectionSlot(ConnectionSlot&& other) noexcept;
  ConnectionSlot& operator=(ConnectionSlot&& other) noexcept;
  ConnectionSlot(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(const ConnectionSlot&) = delete;
  ~ConnectionSlot();
  [[nodiscard]] explicit operator bool() const { return limits_ != nullptr; }

 private:
  ConnectionLimits* limits_ = nullptr;
  std::string address_;
};

class ConnectionLimits {
 public:
  // `uncapped`: addresses counted only in the total (trusted reverse proxies, through which everyone comes).
  ConnectionLimits(size_t max_total, size_t max_per_address, std::vector<std::string> uncapped);
  // A slot for a new connection from `address`; an empty one when a limit is reached.
  ConnectionSlot Take(const std::string& address);
  [[nodiscard]] size_t max_total() const { return max_total_; }
  [[nodiscard]] size_t held() const;

  // The default of the total from the process's open-file limit (RLIMIT_NOFILE): room for the store, logs and one
  // temporary file per upload besides each connection.
  static size_t DefaultTotal();

 private:
  friend class ConnectionSlot;
  void Give(const std::string& address);

  mutable std::mutex mutex_;
  size_t total_ = 0;
  size_t max_total_;
  size_t max_per_address_;
  std::vector<std::string> uncapped_;
  std::unordered_map<std::string, size_t> per_address_;
};

}  // namespace ansvar::http
