#include "io/entity_json.hpp"

#include "io/internal/json_in.hpp"

namespace ansvar::io {

namespace internal {
template <class T>
void ReadEntityValue(JsonIn& in, simdjson::ondemand::value v, T& out);  // register_reader.cpp
}

template <class T>
EntityRead<T> ReadEntity(std::string_view json, const std::string& root) {
  EntityRead<T> result;
  const simdjson::padded_string padded(json);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  internal::JsonIn in(root);
  simdjson::ondemand::value v;
  if (auto e = parser.iterate(padded).get(doc); e != simdjson::SUCCESS || (e = doc.get_value().get(v))) {
    result.problems.push_back(
        model::SyntaxProblem(root, std::string("not a JSON document: ") + simdjson::error_message(e)));
    return result;
  }
  T entity{};
  internal::ReadEntityValue(in, v, entity);
  if (!in.fatal() && internal::HasTrailingContent(doc))
    in.SyntaxErrorAt(root, "invalid JSON: content after the end of the document");
  result.problems = in.TakeProblems();
  if (result.problems.empty()) result.value = std::move(entity);
  return result;
}

#define ANSVAR_ENTITY(T) template EntityRead<T> ReadEntity<T>(std::string_view, const std::string&);
ANSVAR_ENTITY(model::Organization)
ANSVAR_ENTITY(model::Committee)
ANSVAR_ENTITY(model::Administration)
ANSVAR_ENTITY(model::Person)
ANSVAR_ENTITY(model::System)
ANSVAR_ENTITY(model::Delegation)
ANSVAR_ENTITY(model::PowerOfAttorney)
ANSVAR_ENTITY(model::ProcessingActivity)
ANSVAR_ENTITY(model::ProcessorRecord)
ANSVAR_ENTITY(model::Incident)
ANSVAR_ENTITY(model::DataSubjectRequest)
ANSVAR_ENTITY(model::Agreement)
ANSVAR_ENTITY(model::Cooperation)
ANSVAR_ENTITY(model::DpaDecision)
#undef ANSVAR_ENTITY

}  // namespace ansvar::io
