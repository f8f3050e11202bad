# Turns a file into a C++ source defining a std::string_view over the file's exact bytes, so
# reference data is compiled into the binary and nothing is read at run time.
# Run as a script:
#   cmake -DINPUT=<file> -DOUTPUT=<file.cc> -DNAMESPACE=<a::b> -DSYMBOL=<kName> -P embed_file.cmake
# The generated .cc defines `extern const std::string_view NAMESPACE::SYMBOL`; declare it in a
# header. The bytes are a char array (not a string literal), so there is no literal length
# limit and no escaping; a terminating NUL is added but not counted in the view.
cmake_minimum_required(VERSION 3.25)

foreach(var INPUT OUTPUT NAMESPACE SYMBOL)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "embed_file.cmake: -D${var}=... is required")
  endif()
endforeach()

file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
# 16 bytes per line, each as a '\xNN' character literal (an int like 0xc3 would be a
# narrowing conversion to char).
string(REGEX REPLACE "(................................)" "\\1\n" hex "${hex}")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")

get_filename_component(input_name "${INPUT}" NAME)
set(content "// Generated from ${input_name} by domain/areas/embed_file.cmake; do not edit.
#include <string_view>

namespace ${NAMESPACE} {
namespace {

constexpr char kBytes[] = {
${bytes}'\\0'};

}  // namespace

extern const std::string_view ${SYMBOL};
constinit const std::string_view ${SYMBOL}(kBytes, ${byte_count});

}  // namespace ${NAMESPACE}
")

file(WRITE "${OUTPUT}" "${content}")
