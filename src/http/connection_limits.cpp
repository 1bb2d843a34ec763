#include "http/connection_limits.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <utility>

namespace ansvar::http {

ConnectionSlot::ConnectionSlot(ConnectionSlot&& other) noexcept
    : limits_(std::exchange(other.limits_, nullptr)), address_(std::move(other.address_)) {}

ConnectionSlot& ConnectionSlot::operator=(ConnectionSlot&& other) noexcept {
  if (this != &other) {
    if (limits_) limits_->Give(address_);
    limits_ = std::exchange(other.limits_, nullptr);
    address_ = std::move(other.address_);
  }
  return *this;
}

ConnectionSlot::~ConnectionSlot() {
  if (limits_) limits_->Give(address_);
}

ConnectionLimits::ConnectionLimits(size_t max_total, size_t max_per_address, std::vector<std::string> uncapped)
    : max_total_(max_total == 0 ? DefaultTotal() : max_total),
      max_per_address_(max_per_address),
      uncapped_(std::move(uncapped)) {}

ConnectionSlot ConnectionLimits::Take(const std::string& address) {
  const bool capped = max_per_address_ > 0 && std::find(uncapped_.begin(), uncapped_.end(), address) == uncapped_.end();
  std::lock_guard lock(mutex_);
  if (total_ >= max_total_) return {};
  if (capped) {
    auto& n = per_address_[address];
    if (n >= max_per_address_) return {};
    ++n;
  }
  ++total_;
  return {this, capped ? address : std::string()};
}

void ConnectionLimits::Give(const std::string& address) {
  std::lock_guard lock(mutex_);
  --total_;
  if (address.empty()) return;
  if (auto it = per_address_.find(address); it != per_address_.end() && --it->second == 0) per_address_.erase(it);
}

size_t ConnectionLimits::held() const {
  std::lock_guard lock(mutex_);
  return total_;
}

size_t ConnectionLimits::DefaultTotal() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 4096;
  const auto files = static_cast<size_t>(limit.rlim_cur);
  return std::max<size_t>(16, files > 128 ? (files - 128) / 2 : 0);
}

}  // namespace ansvar::http
