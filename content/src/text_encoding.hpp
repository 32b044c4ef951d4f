// Text encodings of source files: the byte-order mark, and
// GB18030/GBK (what Excel in China saves CSV files in) converted to UTF-8 with glibc's iconv.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "bianmin/base/result.hpp"
#include "bianmin/base/utf8.hpp"

namespace bianmin::content::text {

// Strict UTF-8 validation and character counts are in base: utf8::find_invalid, utf8::length.

// Removes a leading UTF-8 byte-order mark (EF BB BF); true when there was one.
bool strip_utf8_bom(std::string_view& bytes);

// Converts GB18030 (a superset of GBK and GB2312) to UTF-8. On bytes that are not GB18030
// the error's `line` is the 1-based line of the offending byte.
Result<std::string> gb18030_to_utf8(std::string_view bytes);

// 1-based line number of byte `offset` in `text` (counting '\n').
int line_at(std::string_view text, std::size_t offset);

}  // namespace bianmin::content::text
