// UTF-8: the one decoder and encoder of Bianmin (importer validation, search folding, the
// font atlas's character sets, text wrapping, the build-time glyph and search-table tools).
//
// Promises:
//  - decode() reads one code point strictly (RFC 3629): overlong forms, surrogates, code
//    points above U+10FFFF, stray continuation bytes and sequences cut short are errors.
//    An error yields U+FFFD and consumes exactly one byte, so decoding always advances and
//    never reads past the end; valid text decodes to exactly what was encoded.
//  - append()/encode() write the shortest form of any code point up to U+10FFFF (surrogates
//    and larger values are written as U+FFFD).
//  - Header-only, no dependencies.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace bianmin::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;
inline constexpr std::size_t npos = std::string_view::npos;

// A continuation byte (10xxxxxx): never the first byte of a character.
constexpr bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

struct Decoded {
  char32_t cp = kReplacement;  // the code point, U+FFFD on error
  std::size_t size = 1;        // bytes consumed (1 on error)
  bool valid = false;          // false: the byte at the start was not well-formed UTF-8
};

// Decodes the code point starting at s[i] (i < s.size()).
constexpr Decoded decode_at(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = byte(0);
  if (c < 0x80) return {c, 1, true};
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  char32_t cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;  // no overlongs
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
    if (c == 0xF0) lo = 0x90;  // no overlongs
    if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return {};  // a continuation byte, C0/C1 (always overlong) or F5..FF
  }
  if (i + len > s.size()) return {};
  if (byte(1) < lo || byte(1) > hi) return {};
  for (std::size_t k = 2; k < len; ++k)
    if (!is_continuation(byte(k))) return {};
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (byte(k) & 0x3F);
  return {cp, len, true};
}

// Decodes the code point at s[i] and advances i past it (one byte on error, giving U+FFFD).
constexpr char32_t decode(std::string_view s, std::size_t& i) {
  const Decoded d = decode_at(s, i);
  i += d.size;
  return d.cp;
}

// Byte offset of the first byte that does not start a well-formed sequence, or npos.
constexpr std::size_t find_invalid(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const Decoded d = decode_at(s, i);
    if (!d.valid) return i;
    i += d.size;
  }
  return npos;
}

// Number of code points (what a reader calls characters); each invalid byte counts as one.
constexpr std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) i += decode_at(s, i).size;
  return n;
}

// Appends the UTF-8 form of `cp` to `out`.
inline void append(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacement;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

inline std::string encode(char32_t cp) {
  std::string out;
  append(out, cp);
  return out;
}

inline std::string encode(std::u32string_view cps) {
  std::string out;
  for (char32_t cp : cps) append(out, cp);
  return out;
}

// The longest prefix of `s` of at most `max_bytes` bytes that does not cut a character.
constexpr std::string_view cut(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t end = max_bytes;
  while (end > 0 && is_continuation(static_cast<unsigned char>(s[end]))) --end;
  return s.substr(0, end);
}

// Removes the last character of `s` (its continuation bytes and its first byte); nothing when
// `s` is empty.
inline void pop_back(std::string& s) {
  while (!s.empty() && is_continuation(static_cast<unsigned char>(s.back()))) s.pop_back();
  if (!s.empty()) s.pop_back();
}

}  // namespace bianmin::utf8
