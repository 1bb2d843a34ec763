# Writes OUT, a C++ file defining ansvar::cli::DemoRegisterJson() that returns the bytes of IN.
file(READ ${IN} HEX_CONTENT HEX)
string(LENGTH "${HEX_CONTENT}" HEX_LENGTH)
math(EXPR BYTES "${HEX_LENGTH} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," ARRAY "${HEX_CONTENT}")
file(WRITE ${OUT} "// Generated from ${IN}; do not edit.\n#include <string_view>\nnamespace ansvar::cli {\nnamespace {\nconst unsigned char kData[] = {${ARRAY}};\n}\nstd::string_view DemoRegisterJson() { return {reinterpret_cast<const char*>(kData), ${BYTES}}; }\n}  // namespace ansvar::cli\n")
