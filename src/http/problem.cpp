#include "http/problem.hpp"

#include "io/json_writer.hpp"

namespace ansvar::http {

int StatusOf(app::ErrorCode code) {
  using C = app::ErrorCode;
  switch (code) {
    case C::kBadRequest:
    case C::kMalformed:  // a body that is not JSON at all is a bad request; a JSON document with faults is 422
      return 400;
    case C::kInvalid:
      return 422;
    case C::kNotFound:
      return 404;
    case C::kConflict:
      return 409;
    case C::kPreconditionFailed:
      return 412;
    case C::kPreconditionRequired:
      return 428;
    case C::kUnsupported:
      return 501;
    case C::kUnavailable:
      return 503;
    case C::kForbidden:
      return 403;
    case C::kConfiguration:  // the sign-in's reasons (http/oidc_routes.cpp answers those itself)
      return 500;
    case C::kRejected:
    case C::kInvalidToken:
    case C::kUnknownKey:
      return 401;
  }
  return 500;
}

int StatusOf(const app::Error& error) { return StatusOf(error.code); }

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
