#pragma once
// Where a command's output goes: a file, or standard output ("" or "-"). Pieces go straight to the descriptor
// (no second buffer: the writers hand over blocks of a few hundred kilobytes).
#include <optional>
#include <string>
#include <string_view>

namespace ansvar::io {

class OutputFile {
 public:
  // Creates or truncates `path`; nullopt when it cannot (errno tells why).
  static std::optional<OutputFile> Open(const std::string& path);
  OutputFile(OutputFile&& other) noexcept : fd_(other.fd_), owned_(other.owned_), ok_(other.ok_) {
    other.owned_ = false;
  }
  OutputFile& operator=(OutputFile&&) = delete;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile();

  bool Write(std::string_view piece);
  // Closes a file (standard output stays open); false when a write or the close failed.
  bool Close();

 private:
  OutputFile(int fd, bool owned) : fd_(fd), owned_(owned) {}
  int fd_;
  bool owned_;
  bool ok_ = true;
};

}  // namespace ansvar::io
