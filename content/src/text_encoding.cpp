#include "text_encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>

namespace bianmin::content::text {

bool strip_utf8_bom(std::string_view& s) {
  if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xEF && static_cast<unsigned char>(s[1]) == 0xBB &&
      static_cast<unsigned char>(s[2]) == 0xBF) {
    s.remove_prefix(3);
    return true;
  }
  return false;
}

Result<std::string> gb18030_to_utf8(std::string_view bytes) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return Result<std::string>::fail("本机不支持 GB18030 编码转换（iconv）");
  std::string out;
  // GB18030 uses 1, 2 or 4 bytes per character and UTF-8 at most 4, so 2x always suffices
  // for the common 2-byte Chinese characters; iconv reports E2BIG otherwise and we grow.
  out.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::size_t produced = 0;
  while (in_left > 0) {
    char* o = out.data() + produced;
    std::size_t out_left = out.size() - produced;
    std::size_t r = iconv(cd, &in, &in_left, &o, &out_left);
    produced = out.size() - out_left;
    if (r != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    std::size_t offset = static_cast<std::size_t>(in - bytes.data());
    iconv_close(cd);
    return Result<std::string>::fail("文件里有不是 GB18030/GBK 编码的字节，无法识别", {}, line_at(bytes, offset));
  }
  iconv_close(cd);
  out.resize(produced);
  return out;
}

int line_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

}  // namespace bianmin::content::text
