#include "http/problem.hpp"

#include "io/json_writer.hpp"

namespace ansvar::http {

int StatusOf(const app::Error& error) {
  switch (error.code) {
    case app::ErrorCode::kBadRequest:
      return 400;
    case app::ErrorCode::kInvalid:
      // A body that is not JSON at all is a bad request; a JSON document with faults is unprocessable.
      for (const auto& p : error.problems)
        if (p.message.starts_with("not a JSON document") || p.message.starts_with("invalid JSON")) return 400;
      return 422;
    case app::ErrorCode::kNotFound:
      return 404;
    case app::ErrorCode::kConflict:
      return 409;
    case app::ErrorCode::kPreconditionFailed:
      return 412;
    case app::ErrorCode::kPreconditionRequired:
      return 428;
    case app::ErrorCode::kUnavailable:
      return 503;
    case app::ErrorCode::kForbidden:
      return 403;
  }
  return 500;
}

namespace {
Response Write(int status, const std::string& title, const std::string& detail, const std::string& instance,
               const std::vector<model::Problem>& problems) {
  io::JsonWriter o(false);
  o.BeginObject();
  o.Field("type", "about:blank");
  o.Field("status", status);
  o.Field("title", title);
  o.Field("detail", detail);
  o.Field("instance", instance);
  if (!problems.empty()) {
    o.Key("errors");
    o.BeginArray();
    for (const auto& p : problems) {
      o.BeginObject();
      o.Field("path", p.path);
      o.Field("message", p.message);
      o.EndObject();
    }
    o.EndArray();
  }
  o.EndObject();
  return {status, "application/problem+json", o.Take(), {}};
}
}  // namespace

Response Problem(int status, const std::string& title, const std::string& detail, const std::string& instance) {
  return Write(status, title, detail, instance, {});
}

Response Problem(const app::Error& error, const std::string& instance) {
  return Write(StatusOf(error), error.title, error.detail, instance, error.problems);
}

}  // namespace ansvar::http
