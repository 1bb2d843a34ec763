#pragma once
// An optional value kept on the heap: std::optional's interface in the size of one pointer. For the model's large
// parts that most entities lack (a processing activity's DPIA: 288 bytes inline in each of a national register's
// 300,000 activities, present in one in six; a system's transfer record, in one in fourteen), so that the entities
// without one do not carry its space. Copies are deep: a Boxed is a value, as the optional it replaces.
#include <memory>
#include <optional>
#include <utility>

namespace ansvar::model {

template <class T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(std::nullopt_t) {}                                   // NOLINT(google-explicit-constructor): as std::optional
  Boxed(const T& value) : p_(std::make_unique<T>(value)) {}  // NOLINT(google-explicit-constructor)
  Boxed(T&& value) : p_(std::make_unique<T>(std::move(value))) {}  // NOLINT(google-explicit-constructor)
  Boxed(const std::optional<T>& value) {                           // NOLINT(google-explicit-constructor)
    if (value) p_ = std::make_unique<T>(*value);
  }
  Boxed(const Boxed& other) : p_(other.p_ ? std::make_unique<T>(*other.p_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) p_ = other.p_ ? std::make_unique<T>(*other.p_) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  Boxed& operator=(std::nullopt_t) {
    p_.reset();
    return *this;
  }
  Boxed& operator=(const T& value) { return emplace(value), *this; }
  Boxed& operator=(T&& value) { return emplace(std::move(value)), *this; }
  ~Boxed() = default;

  template <class... Args>
  T& emplace(Args&&... args) {
    p_ = std::make_unique<T>(std::forward<Args>(args)...);
    return *p_;
  }
  void reset() { p_.reset(); }

  [[nodiscard]] bool has_value() const { return p_ != nullptr; }
  explicit operator bool() const { return p_ != nullptr; }
  T& operator*() { return *p_; }
  const T& operator*() const { return *p_; }
  T* operator->() { return p_.get(); }
  const T* operator->() const { return p_.get(); }
  T& value() {
    if (!p_) throw std::bad_optional_access();
    return *p_;
  }
  [[nodiscard]] const T& value() const {
    if (!p_) throw std::bad_optional_access();
    return *p_;
  }
  template <class U>
  T value_or(U&& fallback) const {
    return p_ ? *p_ : static_cast<T>(std::forward<U>(fallback));
  }

  friend bool operator==(const Boxed& a, const Boxed& b) {
    if (!a.p_ || !b.p_) return !a.p_ && !b.p_;
    return *a.p_ == *b.p_;
  }
  friend bool operator==(const Boxed& a, std::nullopt_t) { return !a.p_; }

 private:
  std::unique_ptr<T> p_;
};

}  // namespace ansvar::model
