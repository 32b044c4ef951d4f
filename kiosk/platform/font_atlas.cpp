#include "platform/font_atlas.hpp"

#include <imgui.h>
#include <malloc.h>
#include <SDL.h>

#include <cstdio>

#include "platform/platform.hpp"
#include "platform/task_lane.hpp"

namespace bianmin::kiosk {

// One atlas with everything it points into. Built on a worker, installed on the frame thread.
// ImGui's allocator bumps a metrics counter in the current context without a lock while a
// worker builds; the kiosk never reads that counter, and the build touches nothing else of the
// context (fonts.cpp's build_fonts works on this atlas only).
struct FontAtlas::Built {
  AtlasRequest request;
  std::unique_ptr<ImFontAtlas> atlas = std::make_unique<ImFontAtlas>();
  GlyphRanges ranges;
  Fonts fonts;
  Status status = Status::success();

  void build(const FontFiles& files) {
    status = build_fonts(*atlas, files, request.sizes, request.text, request.heading, request.display, ranges, fonts);
    if (status) {
      // The alpha pixels the texture is made from; made here so the frame thread only copies.
      unsigned char* alpha = nullptr;
      int w = 0, h = 0;
      atlas->GetTexDataAsAlpha8(&alpha, &w, &h);
    }
    // The builder's glyph bitmaps (tens of MB in elder mode) are freed by now; hand those
    // pages back before the texture takes as much again, so the two never add up in RSS.
    malloc_trim(0);
  }
};

FontAtlas::FontAtlas(FontFiles files, const Platform& platform, TaskLane& lane, bool verbose)
    : files_(std::move(files)),
      platform_(platform),
      lane_(lane),
      verbose_(verbose),
      current_(std::make_unique<Built>()) {}

FontAtlas::~FontAtlas() {
  if (texture_) SDL_DestroyTexture(texture_);
}

ImFontAtlas* FontAtlas::imgui_atlas() const { return current_->atlas.get(); }

Status FontAtlas::build_now(const AtlasRequest& request) {
  Built b;
  b.request = request;
  b.build(files_);
  if (!b.status) return b.status;
  return install(b);
}

bool FontAtlas::will_hold(const AtlasRequest& r) const {
  auto holds = [&](const AtlasRequest& have) {
    if (have.layout != r.layout) return false;
    GlyphSet t = have.text, h = have.heading, d = have.display;
    t.add(r.text);
    h.add(r.heading);
    d.add(r.display);
    return t == have.text && h == have.heading && d == have.display;
  };
  if (next_) return holds(*next_);
  if (in_flight_) return holds(in_flight_->request);
  return installed_ && holds(*installed_);
}

void FontAtlas::request(const AtlasRequest& request) {
  if (in_flight_) {
    // One build at a time: this one waits for the current one (the latest request wins).
    if (in_flight_->request == request)
      next_.reset();
    else
      next_ = std::make_unique<AtlasRequest>(request);
    return;
  }
  if (installed_ && *installed_ == request) return;
  auto b = std::make_shared<Built>();
  b->request = request;
  start(std::move(b));
}

void FontAtlas::start(std::shared_ptr<Built> b) {
  in_flight_ = b;
  lane_.submit("font atlas", [this, b, files = files_] {
    b->build(files);
    lane_.later([this, b] {
      in_flight_.reset();
      // Asked for another layout meanwhile (elder mode toggled back): this result is out of
      // date, so frames never switch to it. More characters for the same layout: install it
      // (closer to what is wanted than what is shown), then build the rest.
      const bool superseded = next_ != nullptr && next_->layout != b->request.layout;
      if (!b->status) {
        std::fprintf(stderr, "bianmin-kiosk: %s\n", b->status.error().to_string().c_str());
      } else if (!superseded) {
        Status st = install(*b);
        if (!st)
          std::fprintf(stderr, "bianmin-kiosk: %s\n", st.error().to_string().c_str());
        else if (on_installed)
          on_installed(*installed_);
      }
      if (next_) {
        auto n = std::make_shared<Built>();
        n->request = std::move(*next_);
        next_.reset();
        if (installed_ && *installed_ == n->request) return;
        start(std::move(n));
      }
    });
  });
}

Status FontAtlas::install(Built& b) {
  ImFontAtlas& atlas = *b.atlas;
  // The old texture's glyph positions die with the switch: free it before the new one is
  // made, so the two never take memory at the same time.
  if (texture_) SDL_DestroyTexture(texture_);
  texture_ = nullptr;
  unsigned char* alpha = nullptr;
  int tw = 0, th = 0;
  atlas.GetTexDataAsAlpha8(&alpha, &tw, &th);
  SDL_Texture* tex = platform_.create_alpha_texture(alpha, tw, th);
  atlas.ClearTexData();  // the texture holds the pixels now; keep RSS small
  if (!tex) return Status::fail("cannot create the font texture");
  texture_ = tex;
  atlas.SetTexID(reinterpret_cast<ImTextureID>(tex));
  // The context draws with the new atlas from the next NewFrame() on; the old one goes now
  // (between frames, so nothing points into it any more).
  auto old = std::move(current_);
  current_ = std::make_unique<Built>(std::move(b));
  if (ImGui::GetCurrentContext()) ImGui::GetIO().Fonts = current_->atlas.get();
  fonts_ = current_->fonts;
  installed_ = std::make_unique<AtlasRequest>(current_->request);
  old.reset();
  // The old atlas's glyph tables go back to the system now, not at some later allocation.
  malloc_trim(0);
  if (verbose_)
    std::fprintf(stderr, "bianmin-kiosk: font atlas %dx%d, %zu glyphs, %.0f ms\n", fonts_.atlas_width,
                 fonts_.atlas_height, fonts_.glyphs, fonts_.build_ms);
  return Status::success();
}

}  // namespace bianmin::kiosk
