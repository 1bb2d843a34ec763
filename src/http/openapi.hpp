#pragma once
// What the OpenAPI description says of each route beyond the route table (http/router.hpp Route): its stable
// operationId, the schema of its request body and of its answer, and the problem statuses it can answer besides
// those every route of its kind can (http/openapi_operations.cpp). A route without an entry here (and without its own
// response_schema) is described with x-ansvar-undocumented, which the ctest openapi.contract refuses: a new route
// must say what it takes and answers.
#include <string>
#include <vector>

#include "http/router.hpp"

namespace ansvar::http {

struct OperationDoc {
  std::string method;        // "GET"
  std::string pattern;       // "/api/v1/systems/{id}"
  std::string operation_id;  // "getSystem": camelCase, unique, stable
  // The request body: a component schema name, "Spreadsheet" (a file), or "" for none.
  std::string request;
  // The success answer: a component schema name, a media type with a text or binary body ("text/calendar"), or ""
  // for no body (204, 302).
  std::string response;
  std::vector<int> statuses = {};  // problem statuses beyond those derived from the route's shape
  bool expensive = false;          // answered on the worker pool: 429/503 when the account or the server is busy
};

// Every route's entry (the collections' five routes each included).
const std::vector<OperationDoc>& DocumentedOperations();
// The entry of method + pattern; nullptr when there is none.
const OperationDoc* FindOperation(const std::string& method, const std::string& pattern);
// Whether method + path is answered without an account (http/access.cpp's list, the one place that decides).
bool PublicRoute(const std::string& method, const std::string& path);

}  // namespace ansvar::http
