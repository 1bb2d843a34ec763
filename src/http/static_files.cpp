#include "http/static_files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/problem.hpp"

namespace ansvar::http {
namespace {

namespace fs = std::filesystem;

std::string MimeType(const fs::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<std::string> Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

constexpr std::string_view kNoFrontEnd = R"(<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Ansvar</title></head>
<body><main><h1>Ansvar</h1>
<p>Registret och regelmotorn körs. API: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>,
<a href="/api/v1/findings">/api/v1/findings</a>, <a href="/api/v1/systems">/api/v1/systems</a>.</p>
<p lang="en">The register and rules engine is running. The web front end is not built into this server.</p>
</main></body></html>
)";

}  // namespace

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

Response StaticFiles::Serve(const Request& request) const {
  const std::string& path = request.path;
  // The decoded path may not climb out of the folder, hide a NUL or a backslash, or name a hidden file.
  if (path.empty() || path[0] != '/' || path.find("..") != std::string::npos || path.find('\\') != std::string::npos ||
      path.find("/.") != std::string::npos)
    return Problem(400, "Ogiltig sökväg / Invalid path", "the path is not allowed", path);
  if (root_.empty()) {
    if (path == "/" || path == "/index.html") return {200, "text/html; charset=utf-8", std::string(kNoFrontEnd), {}};
    return Problem(404, "Finns inte / Not found", "no such page", path);
  }
  const fs::path root = fs::weakly_canonical(root_);
  fs::path file = fs::weakly_canonical(root / path.substr(1));
  const auto rel = file.lexically_relative(root);
  if (rel.empty() || rel.native().starts_with(".."))
    return Problem(400, "Ogiltig sökväg / Invalid path", "the path is not allowed", path);
  std::error_code ec;
  if (fs::is_directory(file, ec)) file /= "index.html";
  Response r;
  if (auto body = fs::is_regular_file(file, ec) ? Slurp(file) : std::nullopt) {
    r.content_type = MimeType(file);
    r.body = std::move(*body);
    // Built assets carry a content hash in their names; the page itself must be revalidated.
    const bool hashed = path.starts_with("/assets/");
    r.headers.push_back({"Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache"});
    return r;
  }
  // An app route ("/systems/raindance", "/systems/a.b") is the single-page app; a missing asset is a 404.
  const auto ext = fs::path(path).extension().string();
  static constexpr std::string_view kAssets[] = {".js",   ".mjs",   ".css",  ".map", ".png",  ".svg",        ".ico",
                                                 ".woff", ".woff2", ".json", ".txt", ".html", ".webmanifest"};
  if (path.starts_with("/assets/") || std::find(std::begin(kAssets), std::end(kAssets), ext) != std::end(kAssets))
    return Problem(404, "Finns inte / Not found", "no such file", path);
  if (auto index = Slurp(root / "index.html")) {
    r.content_type = "text/html; charset=utf-8";
    r.body = std::move(*index);
    r.headers.push_back({"Cache-Control", "no-cache"});
    return r;
  }
  return Problem(404, "Finns inte / Not found", "no such page", path);
}

}  // namespace ansvar::http
