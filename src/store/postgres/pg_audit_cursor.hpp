#pragma once
// A row of audit_log as the trail's readers expect it (store/audit_chain.hpp): the images of a whole-register
// replace, kept compressed in before_z and after_z (store/audit_images.hpp, migration 11), read back as their JSON in
// place of before_json and after_json; every other value as it is. Internal to store/postgres/.
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "store/audit_images.hpp"
#include "store/postgres/pg_conn.hpp"
#include "store/postgres/pg_rows.hpp"

namespace ansvar::store::postgres {

// kAuditSelect's columns and the compressed images after them.
inline constexpr std::string_view kPgAuditSelect =
    "SELECT seq, at, actor_id, actor_name, kind, entity_id, action, before_json, after_json, prev_hash, hash, "
    "credential, before_z, after_z FROM audit_log";

class PgAuditCursor final : public rows::RowCursor {
 public:
  explicit PgAuditCursor(internal::ImageDecompressor& images) : images_(images) {}

  // Moves to row `row` of `r` (a result of kPgAuditSelect) and reads its compressed images; false (and why) when one
  // cannot be read back.
  bool At(const Result& r, int row, std::string& problem) {
    r_ = &r;
    row_ = row;
    for (size_t i = 0; i < kImages.size(); ++i) {
      decoded_[i].reset();
      if (r.IsNull(row, kImages[i].stored)) continue;
      const auto bytes = FromHex(r.Text(row, kImages[i].stored));
      if (!bytes) {
        problem = "an audit image's bytes are unreadable";
        return false;
      }
      decoded_[i] = images_.Decompress(*bytes, problem);
      if (!decoded_[i]) return false;
    }
    return true;
  }

  [[nodiscard]] bool IsNull(int col) const override { return r_->IsNull(row_, col); }
  [[nodiscard]] std::string_view Text(int col) const override {
    for (size_t i = 0; i < kImages.size(); ++i)
      if (col == kImages[i].json && decoded_[i]) return *decoded_[i];
    return r_->Text(row_, col);
  }
  [[nodiscard]] int64_t Int(int col) const override { return r_->Int(row_, col); }
  [[nodiscard]] bool Bool(int col) const override { return PgCursor(*r_, row_).Bool(col); }

  // A bytea in PostgreSQL's text form ("\x" and two hex digits a byte).
  static std::optional<std::string> FromHex(std::string_view text) {
    if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0) return std::nullopt;
    auto digit = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    std::string out;
    out.reserve(text.size() / 2 - 1);
    for (size_t i = 2; i < text.size(); i += 2) {
      const int hi = digit(text[i]), lo = digit(text[i + 1]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
    }
    return out;
  }

 private:
  struct Image {
    int json;    // before_json, after_json
    int stored;  // before_z, after_z
  };
  static constexpr std::array<Image, 2> kImages = {Image{7, 12}, Image{8, 13}};

  internal::ImageDecompressor& images_;
  const Result* r_ = nullptr;
  int row_ = 0;
  std::array<std::optional<std::string>, 2> decoded_;
};

}  // namespace ansvar::store::postgres
