#include "store/store.hpp"

#include <array>

namespace ansvar::store {
namespace {
constexpr std::array<std::string_view, kKindCount> kNames = {
    "organization",         "committee",         "administration",      "person",           "system",
    "delegation",           "power_of_attorney", "processing_activity", "processor_record", "incident",
    "data_subject_request", "agreement",         "cooperation",         "dpa_decision"};
static_assert(std::variant_size_v<Entity> == kKindCount);
}  // namespace

std::string_view ToString(Kind kind) { return kNames[static_cast<size_t>(kind)]; }

std::optional<Kind> ParseKind(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<Kind>(i);
  return std::nullopt;
}

Kind KindOf(const Entity& e) { return static_cast<Kind>(e.index()); }

std::string IdOf(const Entity& e) {
  return std::visit([](const auto& x) { return x.id.str(); }, e);
}

// What a backend keeps beside the register: unsupported unless the backend says otherwise.
namespace {
[[noreturn]] void Unsupported() { throw NotSupportedError(); }
}  // namespace

std::optional<Record> Beside::GetRecord(const std::string&) { Unsupported(); }
std::vector<Record> Beside::ListRecords(const std::string&) { Unsupported(); }
void Beside::PutRecord(const Record&) { Unsupported(); }
bool Beside::RecordOnce(const Record&) { Unsupported(); }
bool Beside::SwapRecord(const Record&, const Record&) { Unsupported(); }
bool Beside::DeleteRecord(const std::string&) { Unsupported(); }
std::vector<StoredDocument> Beside::ListDocuments(const std::string&) { Unsupported(); }
std::optional<StoredDocument> Beside::GetDocument(const std::string&, const std::string&) { Unsupported(); }
int64_t Beside::PutDocument(const std::string&, const std::string&, const std::string&, std::optional<int64_t>,
                            const Actor&, model::Timestamp) {
  Unsupported();
}
void Beside::DeleteDocument(const std::string&, const std::string&, std::optional<int64_t>, const Actor&,
                            model::Timestamp) {
  Unsupported();
}
std::vector<DocumentAuditEntry> Beside::ReadDocumentAudit(const std::string&, const std::string&, size_t) {
  Unsupported();
}

}  // namespace ansvar::store
