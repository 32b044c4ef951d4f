// Characters above U+FFFF (CJK Extension B and later: 𠮷 U+20BB7 in the name 𠮷田, 𡈽…) drawn
// through Debian's Dear ImGui 1.86, whose ImWchar is 16-bit (it decodes them to U+FFFD, "?").
//
// Promises:
//  - Each such character gets a Private Use Area code in [kFirst, kLast] the first time it is
//    seen, and keeps it for the life of the process (any thread may ask; a lock guards the table).
//    The range stays clear of the Material Icons code points the atlas merges into the text fonts.
//  - drawable() rewrites UTF-8 text to those codes; Ui measures and draws only rewritten text.
//    Text without a 4-byte sequence is returned as is (the common case costs one scan).
//  - The atlas (fonts.cpp) rasterises each rare character of its glyph sets from the CJK face
//    with FreeType and gives it to ImGui as a custom glyph at its code.
//  - When the range is full (1,280 distinct rare characters in one process), further ones stay
//    U+FFFD: drawn as "?" as before, never a crash.
#pragma once
#include <string>
#include <string_view>

namespace bianmin::kiosk::rare_glyphs {

inline constexpr unsigned kFirst = 0xF400;
inline constexpr unsigned kLast = 0xF8FF;

// The code `cp` (> U+FFFF) is drawn as; 0 when the range is full.
unsigned code_for(unsigned cp);
// The character a code stands for; 0 when `code` was never given out.
unsigned original_of(unsigned code);
// Whether `utf8` holds a character above U+FFFF.
bool has_rare(std::string_view utf8);
// `utf8` with each character above U+FFFF replaced by its code.
std::string drawable(std::string_view utf8);

}  // namespace bianmin::kiosk::rare_glyphs
