// `ansvar openapi`: the OpenAPI description the server serves at GET /api/v1/openapi.json, printed without a server
// (for the lint in ctest, the web build's TypeScript types and integrators' client generators). The routes are those
// of `ansvar serve` without single sign-on (with --oidc-issuer the server adds GET /api/v1/auth/oidc/login and
// …/callback and POST …/logout, described the same way).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/register_service.hpp"
#include "cli/commands.hpp"
#include "cli/store_factory.hpp"
#include "http/api.hpp"
#include "rules/rulebook.hpp"

namespace ansvar::cli {
namespace {

model::Timestamp Epoch() { return model::Timestamp{}; }

int Run(const std::string& output) {
  // The description is made from the routes of a real handler over an empty, throwaway register.
  const auto dir =
      std::filesystem::temp_directory_path() / ("ansvar-openapi-" + std::to_string(std::hash<std::string>{}(output)) +
                                                "-" + std::to_string(static_cast<long>(::getpid())));
  std::filesystem::create_directories(dir);
  std::string json;
  int status = 0;
  {
    app::RegisterService service(OpenStore((dir / "empty.db").string()), rules::Rulebook::Default(), Epoch);
    const auto handler = http::MakeHandler(service, http::ApiOptions{});
    http::Request request;
    request.method = "GET", request.path = "/api/v1/openapi.json", request.remote = "127.0.0.1";
    const auto response = handler.respond(request);
    status = response.status, json = response.body;
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  if (status != 200) {
    std::cerr << "ansvar: the description could not be made (" << status << "): " << json << "\n";
    return kExitInput;
  }
  if (output.empty() || output == "-") {
    std::cout << json << "\n";
    return kExitOk;
  }
  std::ofstream out(output, std::ios::binary);
  out << json << "\n";
  if (!out.flush()) {
    std::cerr << "ansvar: cannot write " << output << "\n";
    return kExitInput;
  }
  return kExitOk;
}

}  // namespace

void AddOpenApiCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("openapi", "Skriv ut API-beskrivningen (OpenAPI 3.1) / Print the OpenAPI description");
  auto output = std::make_shared<std::string>();
  cmd->add_option("-o,--output", *output, "Write it to this file instead of standard output");
  cmd->callback([&exit_code, output] { exit_code = Run(*output); });
}

}  // namespace ansvar::cli
