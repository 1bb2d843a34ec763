#include "io/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

namespace ansvar::io {

std::optional<OutputFile> OutputFile::Open(const std::string& path) {
  if (path.empty() || path == "-") {
    std::fflush(stdout);  // what stdio holds goes first
    return OutputFile(STDOUT_FILENO, false);
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return std::nullopt;
  return OutputFile(fd, true);
}

OutputFile::~OutputFile() {
  if (owned_) ::close(fd_);
}

bool OutputFile::Write(std::string_view piece) {
  while (ok_ && !piece.empty()) {
    const ssize_t n = ::write(fd_, piece.data(), piece.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      ok_ = false;
    else
      piece.remove_prefix(static_cast<size_t>(n));
  }
  return ok_;
}

bool OutputFile::Close() {
  if (owned_) {
    owned_ = false;
    if (::close(fd_) != 0) ok_ = false;
  }
  return ok_;
}

}  // namespace ansvar::io
