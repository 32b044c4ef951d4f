// Text encodings of source files: strict UTF-8 validation, the byte-order mark, and
// GB18030/GBK (what Excel in China saves CSV files in) converted to UTF-8 with glibc's iconv.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "bianmin/content/result.hpp"

namespace bianmin::content::text {

inline constexpr std::size_t npos = std::string_view::npos;

// Byte offset of the first byte that does not start a well-formed UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF are ill-formed), or npos when all is valid.
std::size_t find_invalid_utf8(std::string_view bytes);

// Removes a leading UTF-8 byte-order mark (EF BB BF); true when there was one.
bool strip_utf8_bom(std::string_view& bytes);

// Converts GB18030 (a superset of GBK and GB2312) to UTF-8. On bytes that are not GB18030
// the error's `line` is the 1-based line of the offending byte.
Result<std::string> gb18030_to_utf8(std::string_view bytes);

// 1-based line number of byte `offset` in `text` (counting '\n').
int line_at(std::string_view text, std::size_t offset);

// Number of code points in valid UTF-8 text (what a reader calls "characters").
std::size_t utf8_length(std::string_view utf8);

}  // namespace bianmin::content::text
