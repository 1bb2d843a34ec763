#pragma once
// The web front end's built assets, served from a folder; nothing outside it is ever read.
#include <optional>
#include <string>

#include "http/message.hpp"

namespace ansvar::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);  // empty: no front end; "/" answers a short page about the API
  // GET of a path outside /api/: the file, or index.html for an app route; 404 for a missing asset, 400 for a
  // path that tries to leave the folder.
  [[nodiscard]] Response Serve(const Request& request) const;

 private:
  std::string root_;
};

}  // namespace ansvar::http
