#include "platform/fonts.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <imgui.h>
#include <imgui_freetype.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "bianmin/base/utf8.hpp"
#include "platform/platform.hpp"
#include "platform/rare_glyphs.hpp"

namespace bianmin::kiosk {
namespace {
#include "ui_glyphs.inc"

// ImGui wants a zero-terminated list of [first, last] pairs that lives as long as the atlas.
std::vector<ImWchar> to_ranges(const GlyphSet& set) {
  std::vector<ImWchar> r;
  for (unsigned cp = 1; cp < 0x10000; ++cp) {
    if (!set.has(cp)) continue;
    unsigned last = cp;
    while (last + 1 < 0x10000 && set.has(last + 1)) ++last;
    r.push_back(static_cast<ImWchar>(cp));
    r.push_back(static_cast<ImWchar>(last));
    cp = last;
  }
  r.push_back(0);
  return r;
}

// Reads "name": hex lines from the icon font's SCSS variables (or "name hex" lines).
std::map<std::string, unsigned> read_codepoints(const std::filesystem::path& path) {
  std::map<std::string, unsigned> m;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    auto q1 = line.find('"');
    if (q1 == std::string::npos) continue;
    auto q2 = line.find('"', q1 + 1);
    auto colon = line.find(':', q2 == std::string::npos ? q1 : q2);
    if (q2 == std::string::npos || colon == std::string::npos) continue;
    unsigned cp = static_cast<unsigned>(std::strtoul(line.c_str() + colon + 1, nullptr, 16));
    if (cp) m[line.substr(q1 + 1, q2 - q1 - 1)] = cp;
  }
  return m;
}

// Adds a font whose bytes stay in the mapping: the atlas neither copies nor frees them.
// ImGui 1.86 copies the bytes of a font it does not own (19 MB per size for the CJK
// collection), so the font goes in as "owned" and the stored config is then marked as not
// owned, which keeps ClearInputData() and the atlas' destructor from freeing the mapping.
ImFont* add_mapped(ImFontAtlas& atlas, const MappedFile& file, float px, ImFontConfig cfg, const ImWchar* ranges) {
  cfg.FontDataOwnedByAtlas = true;
  // The signature takes void*; the builders only read the bytes (the mapping is read-only).
  ImFont* f =
      atlas.AddFontFromMemoryTTF(const_cast<void*>(file.data()), static_cast<int>(file.size()), px, &cfg, ranges);
  if (f) atlas.ConfigData.back().FontDataOwnedByAtlas = false;
  return f;
}

// ------------------------------------------------------------------------------------------
// Characters above U+FFFF (rare_glyphs.hpp): rasterised here with FreeType from the same CJK
// face, at the same size request imgui_freetype makes (REAL_DIM, the font's pixel height), and
// handed to ImGui as custom glyphs at their Private Use Area codes.
struct RareBitmap {
  ImFont* font = nullptr;
  unsigned code = 0;
  int w = 0, h = 0;
  float advance = 0;
  ImVec2 offset;
  std::vector<unsigned char> alpha;
  int rect = -1;  // the atlas' custom rect
};

class RareRasterizer {
 public:
  explicit RareRasterizer(const FontFiles& files) {
    if (FT_Init_FreeType(&lib_) != 0) return;
    if (FT_New_Memory_Face(lib_, static_cast<const FT_Byte*>(files.cjk_data->data()),
                           static_cast<FT_Long>(files.cjk_data->size()), files.cjk_face, &face_) != 0)
      face_ = nullptr;
  }
  ~RareRasterizer() {
    if (face_) FT_Done_Face(face_);
    if (lib_) FT_Done_FreeType(lib_);
  }
  RareRasterizer(const RareRasterizer&) = delete;
  RareRasterizer& operator=(const RareRasterizer&) = delete;

  // The glyph of `cp` at `px` pixels, placed as imgui_freetype places the face's other glyphs
  // (x from the pen, y from the top of the line: the ascender, rounded up, less the bitmap's top).
  // False when the face lacks the character.
  bool rasterize(unsigned cp, float px, RareBitmap& out) {
    if (!face_) return false;
    const FT_UInt index = FT_Get_Char_Index(face_, cp);
    if (index == 0) return false;
    FT_Size_RequestRec req{};
    req.type = FT_SIZE_REQUEST_TYPE_REAL_DIM;
    req.height = static_cast<FT_Long>(static_cast<unsigned>(px) * 64);
    if (FT_Request_Size(face_, &req) != 0) return false;
    if (FT_Load_Glyph(face_, index, FT_LOAD_NO_BITMAP) != 0) return false;
    if (FT_Render_Glyph(face_->glyph, FT_RENDER_MODE_NORMAL) != 0) return false;
    const FT_GlyphSlot slot = face_->glyph;
    const FT_Bitmap& bm = slot->bitmap;
    const int ascender = static_cast<int>((face_->size->metrics.ascender + 63) >> 6);
    out.w = static_cast<int>(bm.width);
    out.h = static_cast<int>(bm.rows);
    out.advance = static_cast<float>((slot->advance.x + 63) >> 6);
    out.offset = ImVec2(static_cast<float>(slot->bitmap_left), static_cast<float>(ascender - slot->bitmap_top));
    out.alpha.assign(static_cast<size_t>(out.w) * static_cast<size_t>(out.h), 0);
    for (int y = 0; y < out.h; ++y)
      std::memcpy(&out.alpha[static_cast<size_t>(y) * static_cast<size_t>(out.w)], bm.buffer + y * bm.pitch,
                  static_cast<size_t>(out.w));
    return true;
  }

 private:
  FT_Library lib_ = nullptr;
  FT_Face face_ = nullptr;
};

}  // namespace

void GlyphSet::add(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) add_codepoint(bianmin::utf8::decode(utf8, i));
}

GlyphSet ui_glyphs() {
  GlyphSet g;
  for (unsigned cp = 0x20; cp < 0x7F; ++cp) g.add_codepoint(cp);
  for (const unsigned short* p = kUiGlyphs; *p; ++p) g.add_codepoint(*p);
  g.add("…·—（）：，。、；！？“”《》〔〕【】％¥￥×");
  return g;
}

Result<std::shared_ptr<const MappedFile>> MappedFile::open(const std::filesystem::path& path) {
  using R = Result<std::shared_ptr<const MappedFile>>;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return R::fail("cannot open the font file", path.string());
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size <= 0) {
    ::close(fd);
    return R::fail("cannot read the font file", path.string());
  }
  void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return R::fail("cannot map the font file", path.string());
  return std::shared_ptr<const MappedFile>(new MappedFile(p, static_cast<size_t>(st.st_size)));
}

MappedFile::~MappedFile() { ::munmap(data_, size_); }

Result<FontFiles> find_font_files() {
  FontFiles f;
  std::vector<std::filesystem::path> cjk_dirs = {"/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk",
                                                 "/usr/share/fonts/truetype/noto"};
  std::vector<std::filesystem::path> icon_dirs = {"/usr/share/fonts/truetype/material-design-icons-iconfont"};
  if (const char* d = std::getenv("BIANMIN_FONT_DIR")) {
    cjk_dirs.insert(cjk_dirs.begin(), d);
    icon_dirs.insert(icon_dirs.begin(), d);
  }
  std::error_code ec;
  for (const auto& d : cjk_dirs)
    if (std::filesystem::exists(d / "NotoSansCJK-Regular.ttc", ec)) {
      f.cjk = d / "NotoSansCJK-Regular.ttc";
      break;
    }
  for (const auto& d : icon_dirs)
    if (std::filesystem::exists(d / "MaterialIcons-Regular.ttf", ec)) {
      f.icons = d / "MaterialIcons-Regular.ttf";
      break;
    }
  for (const char* c : {"/usr/share/fonts-material-design-icons-iconfont/scss/_variables.scss",
                        "/usr/share/fonts-material-design-icons-iconfont/codepoints"})
    if (std::filesystem::exists(c, ec)) {
      f.codepoints = c;
      break;
    }
  if (f.cjk.empty())
    return Result<FontFiles>::fail("Noto Sans CJK not found (install the Debian package fonts-noto-cjk)");
  if (f.icons.empty())
    return Result<FontFiles>::fail(
        "Material Icons font not found (install the Debian package fonts-material-design-icons-iconfont)");
  auto cjk = MappedFile::open(f.cjk);
  if (!cjk) return Result<FontFiles>{cjk.error()};
  auto icons = MappedFile::open(f.icons);
  if (!icons) return Result<FontFiles>{icons.error()};
  f.cjk_data = *cjk;
  f.icons_data = *icons;
  return f;
}

std::string Fonts::glyph(assets::Icon which) const {
  unsigned short cp = icon_cp[static_cast<int>(which)];
  return cp ? bianmin::utf8::encode(cp) : std::string();
}

Status build_fonts(ImFontAtlas& atlas, const FontFiles& files, FontSizes sizes, const GlyphSet& text,
                   const GlyphSet& heading_text, const GlyphSet& display_text, GlyphRanges& store, Fonts& out) {
  const double t0 = monotonic_ms();
  // Icon code points: from the font's own list when present, else the built-in values.
  auto names = files.codepoints.empty() ? std::map<std::string, unsigned>{} : read_codepoints(files.codepoints);
  GlyphSet icons;
  for (int i = 0; i < static_cast<int>(assets::Icon::Count); ++i) {
    auto it = names.find(assets::kIcons[i].name);
    unsigned cp = it != names.end() ? it->second : assets::kIcons[i].fallback;
    out.icon_cp[i] = static_cast<unsigned short>(cp);
    icons.add_codepoint(cp);
  }
  GlyphSet display_all = display_text;
  for (unsigned cp = 0x20; cp < 0x7F; ++cp) display_all.add_codepoint(cp);

  for (int attempt = 0; attempt < 8; ++attempt) {
    atlas.Clear();
    store.clear();
    store.reserve(8);
    store.push_back(to_ranges(text));
    store.push_back(to_ranges(text));  // small: captions show content too
    store.push_back(to_ranges(heading_text));
    store.push_back(to_ranges(display_all));
    store.push_back(to_ranges(icons));
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = 0;
    atlas.TexDesiredWidth = 4096;
    atlas.TexGlyphPadding = 1;
    atlas.Flags |= ImFontAtlasFlags_NoMouseCursors | ImFontAtlasFlags_NoPowerOfTwoHeight;

    auto add = [&](float px, const std::vector<ImWchar>& ranges, bool with_icons, float icon_scale) -> ImFont* {
      ImFontConfig cfg;
      cfg.FontNo = files.cjk_face;
      cfg.OversampleH = 1;  // FreeType renders at the target size; oversampling would triple the atlas
      cfg.OversampleV = 1;
      cfg.PixelSnapH = true;
      ImFont* f = add_mapped(atlas, *files.cjk_data, px, cfg, ranges.data());
      if (f && with_icons) {
        ImFontConfig ic;
        ic.MergeMode = true;
        ic.OversampleH = ic.OversampleV = 1;
        ic.GlyphOffset = ImVec2(0, px * 0.18f);  // Material icons sit high next to CJK glyphs
        ic.GlyphMinAdvanceX = px * icon_scale;
        add_mapped(atlas, *files.icons_data, px * icon_scale, ic, store[4].data());
      }
      return f;
    };
    out.body = add(sizes.body, store[0], true, 1.1f);
    out.small = add(sizes.small, store[1], true, 1.1f);
    out.heading = add(sizes.heading, store[2], true, 1.0f);
    out.display = add(sizes.display, store[3], false, 1.0f);
    {
      ImFontConfig ic;
      ic.OversampleH = ic.OversampleV = 1;
      out.icon = add_mapped(atlas, *files.icons_data, sizes.icon, ic, store[4].data());
    }
    if (!out.body || !out.small || !out.heading || !out.display || !out.icon)
      return Status::fail("cannot load the fonts", files.cjk.string());
    // Characters above U+FFFF: a custom glyph each, in every face whose set holds them.
    std::vector<RareBitmap> rare;
    if (!text.rare().empty() || !heading_text.rare().empty() || !display_text.rare().empty()) {
      RareRasterizer raster(files);
      // (ImFont::FontSize is set only by Build(): the sizes come from what was asked.)
      auto add_rare = [&](ImFont* f, const GlyphSet& set, float px) {
        for (unsigned cp : set.rare()) {
          RareBitmap b;
          b.font = f;
          b.code = rare_glyphs::code_for(cp);
          if (!b.code || !raster.rasterize(cp, px, b)) continue;  // the face lacks it: "?" as before
          b.rect = atlas.AddCustomRectFontGlyph(f, static_cast<ImWchar>(b.code), b.w, b.h, b.advance, b.offset);
          rare.push_back(std::move(b));
        }
      };
      add_rare(out.body, text, sizes.body);
      add_rare(out.small, text, sizes.small);
      add_rare(out.heading, heading_text, sizes.heading);
      add_rare(out.display, display_text, sizes.display);
    }
    if (!atlas.Build()) return Status::fail("cannot build the font atlas");
    // The builder left the custom rects empty: copy the rasterised glyphs in.
    for (const RareBitmap& b : rare) {
      const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(b.rect);
      if (!atlas.TexPixelsAlpha8) break;
      for (int y = 0; y < b.h; ++y)
        std::memcpy(atlas.TexPixelsAlpha8 + (r->Y + y) * atlas.TexWidth + r->X,
                    &b.alpha[static_cast<size_t>(y) * static_cast<size_t>(b.w)], static_cast<size_t>(b.w));
    }
    if (atlas.TexHeight <= 4096 && atlas.TexWidth <= 4096) {
      out.sizes = sizes;
      out.atlas_width = atlas.TexWidth;
      out.atlas_height = atlas.TexHeight;
      out.glyphs = 0;
      for (ImFont* f : atlas.Fonts) out.glyphs += static_cast<size_t>(f->Glyphs.Size);
      out.build_ms = monotonic_ms() - t0;
      return Status::success();
    }
    // Too big: shrink the large sizes first, the body text last and never below 18 pt's worth
    // of what was asked (callers pass a body size that already meets the minimum).
    sizes.display *= 0.9f;
    sizes.heading = std::max(sizes.body, sizes.heading * 0.92f);
    sizes.icon *= 0.9f;
    if (attempt >= 3) sizes.small = std::max(sizes.body * 0.8f, sizes.small * 0.95f);
  }
  return Status::fail("the font atlas does not fit in 4096x4096 pixels even at reduced sizes");
}

}  // namespace bianmin::kiosk
