#pragma once
// The field table of the register exchange format ansvar-register/1 (spec/register-format.md): every entity and part
// of one, each field with its JSON type, format, closed set of values (model/enums.hpp's wire names), whether it is
// required on input, whether the writer always writes it, and what it means. The OpenAPI description's component
// schemas are generated from it (http/openapi.cpp), and tests/io/register_schema_test.cpp checks the register writer
// against it (every key written is in the table, every key the table says is written is), so the two cannot drift.
#include <memory>
#include <string>
#include <vector>

#include "io/json_writer.hpp"

namespace ansvar::io::schema {

// A JSON value's shape: a JSON type (with format, enum, bounds), a reference to another schema of the table, an
// array of a shape, or a map of string keys to a shape.
struct Type {
  std::string json;    // "string", "integer", "boolean", "object", "array"; "" for a reference or `one_of`
  std::string format;  // "date", "date-time", "email", …
  std::vector<std::string> enums;
  std::string pattern;
  std::string ref;                       // a schema of the table (Document) or of the description (Rulebook)
  std::shared_ptr<const Type> items;     // arrays: the items; maps: the values
  std::vector<Type> one_of;              // one of these shapes (a transfer: a text or an object)
  long long minimum = -1, maximum = -1;  // integers: bounds (-1: none)
  int min_length = -1, max_length = -1;  // strings
  std::string description;               // of the type itself (a map's keys)
};

enum class Presence {
  kRequired,  // required on input; always written
  kWritten,   // optional on input (a default applies); always written, null when it has no value
  kOptional,  // optional on input; written only when it has a value
};

struct Field {
  std::string name;
  Type type;
  Presence presence = Presence::kWritten;
  bool nullable = false;  // written as null when it has no value
  std::string description;
};

struct ObjectSchema {
  std::string name;  // the component schema's name: "System"
  std::string description;
  std::vector<Field> fields;
  bool input_variant = true;  // also a "<name>Input" schema: what a request must send (the required fields only)
  std::string example = {};   // one as the server writes it (JSON); tests/io/register_schema_test.cpp checks it
};

// Every object of the register format, the Register document last.
const std::vector<ObjectSchema>& RegisterSchemas();
// The table's schema called `name`; nullptr when there is none.
const ObjectSchema* FindSchema(const std::string& name);

// Writes the table as JSON Schema (2020-12, as OpenAPI 3.1 uses it): one "Name": {…} member per schema, inside an
// object the caller has begun. References point at `ref_prefix` + name ("#/components/schemas/"). Each schema with an
// input variant is written twice: as written by the server (its always-written fields required, no other key
// allowed) and as "<Name>Input" (only what a request must send required).
void WriteJsonSchemas(JsonWriter& o, const std::string& ref_prefix);
// One shape as JSON Schema (for schemas written beside the table's).
void WriteType(JsonWriter& o, const Type& type, const std::string& ref_prefix, bool nullable = false,
               const std::string& description = "");

}  // namespace ansvar::io::schema
