// The font atlas the frames draw with, and the builds that replace it on the work lane.
//
// Promises:
//  - build_now() builds on the calling thread and installs at once. Only start-up uses it: the
//    first frame has nothing else to show, and its atlas is small.
//  - request() never waits: the atlas is built on the TaskLane (155-210 ms for the full one)
//    while frames keep drawing with the installed atlas, and installed by a lane callback at
//    the start of a later frame. A request equal to the installed atlas, or to the one being
//    built, costs nothing; requests made during a build are merged (the latest wins) and built
//    when it is done, so at most one build runs and one waits.
//  - Installing happens on the frame thread between two frames: the texture is made there
//    (SDL renderers are single-threaded), the old texture is freed before the new one is made
//    so the two never take memory at once, and io.Fonts of the current ImGui context points
//    at the new atlas. The ImGui context is created on imgui_atlas() and never owns it.
//  - `on_installed` runs on the frame thread after every install, with the request that was
//    built (its `layout` tag says which metrics the sizes belong to); a failed build is logged
//    and leaves the installed atlas in place.
#pragma once
#include <functional>
#include <memory>

#include "bianmin/base/result.hpp"
#include "platform/fonts.hpp"

struct ImFontAtlas;
struct SDL_Texture;

namespace bianmin::kiosk {

class Platform;
class TaskLane;

// What an atlas holds: font sizes and the characters of each face.
struct AtlasRequest {
  FontSizes sizes;
  GlyphSet text;     // body and small
  GlyphSet heading;  // headings
  GlyphSet display;  // the hall's name on home
  int layout = 0;    // the caller's tag for the metrics `sizes` came from
  bool operator==(const AtlasRequest& o) const {
    return sizes.body == o.sizes.body && sizes.small == o.sizes.small && sizes.heading == o.sizes.heading &&
           sizes.display == o.sizes.display && sizes.icon == o.sizes.icon && text == o.text && heading == o.heading &&
           display == o.display && layout == o.layout;
  }
};

class FontAtlas {
 public:
  FontAtlas(FontFiles files, const Platform& platform, TaskLane& lane, bool verbose);
  ~FontAtlas();
  FontAtlas(const FontAtlas&) = delete;
  FontAtlas& operator=(const FontAtlas&) = delete;

  // The atlas to create the ImGui context on (before any build; always io.Fonts afterwards).
  ImFontAtlas* imgui_atlas() const;

  Status build_now(const AtlasRequest& request);
  void request(const AtlasRequest& request);
  bool building() const { return in_flight_ != nullptr; }
  // The request the installed atlas was built from (null before the first build).
  const AtlasRequest* installed() const { return installed_.get(); }
  // Covers: the installed atlas, or the one being built or waiting, holds `r` (same sizes and
  // layout, every character). Used to avoid asking again for what is coming.
  bool will_hold(const AtlasRequest& r) const;
  const Fonts& fonts() const { return fonts_; }
  double last_build_ms() const { return fonts_.build_ms; }

  std::function<void(const AtlasRequest&)> on_installed;

 private:
  struct Built;
  void start(std::shared_ptr<Built> b);
  Status install(Built& b);

  FontFiles files_;
  const Platform& platform_;
  TaskLane& lane_;
  bool verbose_ = false;
  std::unique_ptr<Built> current_;  // the installed atlas and its ranges
  std::unique_ptr<AtlasRequest> installed_;
  std::shared_ptr<Built> in_flight_;    // being built on the lane
  std::unique_ptr<AtlasRequest> next_;  // asked for during that build
  Fonts fonts_;
  SDL_Texture* texture_ = nullptr;
};

}  // namespace bianmin::kiosk
