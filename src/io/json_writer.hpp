#pragma once
// A streaming JSON writer for the layers above io/ (app/, http/): RapidJSON behind a small interface.
#include "io/internal/json_out.hpp"

namespace ansvar::io {
using JsonWriter = internal::JsonOut;
}  // namespace ansvar::io
