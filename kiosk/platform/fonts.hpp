// Fonts: Noto Sans CJK SC and the Material Icons font, both from Debian packages and found at
// run time, rasterized (FreeType) into one Dear ImGui atlas holding only the characters in use.
//
// Promises:
//  - Glyph sets are built from the characters actually used: every UI string (collected from
//    the kiosk's sources at build time) plus the content the caller adds; build() again when
//    the content changes.
//  - The atlas stays within 4096x4096 pixels: when it would not, the larger sizes shrink
//    step by step (body text never goes below what was asked) until it fits.
//  - Icons are looked up by name in the icon font's codepoint list, with built-in fallbacks.
#pragma once
#include <bitset>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "assets/icons.hpp"
#include "bianmin/base/result.hpp"

struct ImFont;
struct ImFontAtlas;

namespace bianmin::kiosk {

// A set of characters: a bitmap of the BMP, and beside it the few above U+FFFF (CJK
// Extension B+, drawn through Private Use Area codes: rare_glyphs.hpp).
class GlyphSet {
 public:
  void add(std::string_view utf8);
  void add_codepoint(unsigned cp) {
    if (cp < 0x10000)
      bits_.set(cp);
    else if (cp <= 0x10FFFF)
      rare_.insert(cp);
  }
  void add(const GlyphSet& other) {
    bits_ |= other.bits_;
    rare_.insert(other.rare_.begin(), other.rare_.end());
  }
  bool has(unsigned cp) const { return cp < 0x10000 ? bits_.test(cp) : rare_.count(cp) > 0; }
  size_t count() const { return bits_.count() + rare_.size(); }
  const std::set<unsigned>& rare() const { return rare_; }  // the characters above U+FFFF
  bool operator==(const GlyphSet& o) const { return bits_ == o.bits_ && rare_ == o.rare_; }

 private:
  std::bitset<0x10000> bits_;
  std::set<unsigned> rare_;
};

// The characters of every UI string in the kiosk's sources (generated at build time), plus
// printable ASCII and the digits/punctuation used in numbers and dates.
GlyphSet ui_glyphs();

struct FontSizes {
  float body = 30;     // paragraphs, list rows (pixels)
  float small = 24;    // badges, table headers, captions
  float heading = 40;  // screen titles, card headings
  float display = 60;  // the hall's name on home
  float icon = 64;     // tile icons
};

// A font file mapped read-only into memory. The CJK collection is ~19 MB; mapping it once and
// handing the same bytes to every size means nothing is copied and only the pages FreeType
// touches (one face's tables and the glyphs in use) become resident.
class MappedFile {
 public:
  static Result<std::shared_ptr<const MappedFile>> open(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const void* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  MappedFile(void* data, size_t size) : data_(data), size_(size) {}
  void* data_;
  size_t size_;
};

struct FontFiles {
  std::filesystem::path cjk;  // NotoSansCJK-Regular.ttc (face 2 = SC)
  int cjk_face = 2;
  std::filesystem::path icons;                 // MaterialIcons-Regular.ttf
  std::filesystem::path codepoints;            // the icon font's name -> code point list
  std::shared_ptr<const MappedFile> cjk_data;  // the files' bytes, mapped once
  std::shared_ptr<const MappedFile> icons_data;
};

// Finds the font files in the usual Debian places (BIANMIN_FONT_DIR overrides the search) and
// maps them.
Result<FontFiles> find_font_files();

struct Fonts {
  ImFont* body = nullptr;
  ImFont* small = nullptr;
  ImFont* heading = nullptr;
  ImFont* display = nullptr;
  ImFont* icon = nullptr;
  FontSizes sizes;  // as built (after any shrinking)
  int atlas_width = 0;
  int atlas_height = 0;
  size_t glyphs = 0;  // glyphs in the atlas
  double build_ms = 0;

  // UTF-8 of an icon's code point (empty if the icon font lacks it).
  std::string glyph(assets::Icon which) const;
  unsigned short icon_cp[static_cast<int>(assets::Icon::Count)] = {};
};

// The glyph ranges an atlas was built from: ImGui keeps pointers to them, so they live as long
// as the atlas (one per atlas: a new atlas may be built on the work lane while the old one
// draws).
using GlyphRanges = std::vector<std::vector<unsigned short>>;

// Builds the atlas into `atlas` (cleared first): body and small hold `text`, heading holds
// `heading_text`, display holds `display_text` (each plus printable ASCII where noted in
// fonts.cpp); icons are merged into body, small and heading. Touches no ImGui context, so it
// may run on any thread (see font_atlas.hpp).
Status build_fonts(ImFontAtlas& atlas, const FontFiles& files, FontSizes sizes, const GlyphSet& text,
                   const GlyphSet& heading_text, const GlyphSet& display_text, GlyphRanges& ranges, Fonts& out);

}  // namespace bianmin::kiosk
