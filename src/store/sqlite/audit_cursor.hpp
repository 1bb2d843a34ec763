#pragma once
// A row of audit_log as the trail's readers expect it (store/audit_chain.hpp): the images of a whole-register
// replace, stored as BLOBs compressed with a dictionary (store/audit_images.hpp), read back as their JSON; every
// other value (the images written as TEXT, by Apply and before the trail was compressed) as it is. Internal to
// store/sqlite/.
#include <array>
#include <optional>
#include <string>

#include "store/audit_chain.hpp"
#include "store/audit_images.hpp"
#include "store/sqlite/register_tables.hpp"
#include "store/sqlite/sqlite_db.hpp"

namespace ansvar::store::sqlite {

class AuditCursor final : public rows::RowCursor {
 public:
  // The columns of kAuditSelect that hold images.
  static constexpr std::array<int, 2> kImageColumns = {7, 8};

  // `s` is a statement of kAuditSelect on `db`, which also holds the dictionaries.
  AuditCursor(Db& db, const Stmt& s)
      : row_(s), s_(s), images_([&db](int64_t id) -> std::optional<std::string> {
          auto q = db.Prepare("SELECT content FROM audit_image_dictionaries WHERE id = ?1");
          q->Bind(1, id);
          if (!q->Step()) return std::nullopt;
          return q->Str(0);
        }) {}

  // Reads the current row's compressed images; false (and why) when one cannot be read back.
  bool Next(std::string& problem) {
    for (size_t i = 0; i < kImageColumns.size(); ++i) {
      decoded_[i].reset();
      if (!s_.IsBlob(kImageColumns[i])) continue;
      decoded_[i] = images_.Decompress(s_.Text(kImageColumns[i]), problem);
      if (!decoded_[i]) return false;
    }
    return true;
  }

  [[nodiscard]] bool IsNull(int col) const override { return row_.IsNull(col); }
  [[nodiscard]] std::string_view Text(int col) const override {
    for (size_t i = 0; i < kImageColumns.size(); ++i)
      if (col == kImageColumns[i] && decoded_[i]) return *decoded_[i];
    return row_.Text(col);
  }
  [[nodiscard]] int64_t Int(int col) const override { return row_.Int(col); }
  [[nodiscard]] bool Bool(int col) const override { return row_.Bool(col); }

 private:
  SqliteCursor row_;
  const Stmt& s_;
  internal::ImageDecompressor images_;
  std::array<std::optional<std::string>, 2> decoded_;
};

}  // namespace ansvar::store::sqlite
