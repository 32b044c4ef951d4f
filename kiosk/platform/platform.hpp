// Platform: the SDL window and renderer, or an offscreen one for headless runs, and turning
// what was rendered into a PNG. Implemented: SDL2 window (windowed / full screen), offscreen
// video driver with the software renderer, SDL_RenderReadPixels to PNG (stb_image_write),
// waiting for events without spinning. Missing: multi-display selection, rotation (cage does it).
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bianmin/base/result.hpp"

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;
union SDL_Event;

namespace bianmin::kiosk {

struct PlatformOptions {
  int width = 1080;
  int height = 1920;
  bool headless = false;  // SDL_VIDEODRIVER=offscreen and the software renderer
  bool fullscreen = false;
  std::string title = "便民服务";
};

class Platform {
 public:
  // Opens the window (or the offscreen surface). Without a display and without --headless it
  // fails with a message saying so and pointing to --headless.
  static Result<std::unique_ptr<Platform>> open(const PlatformOptions& opts);
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  SDL_Window* window() const { return window_; }
  SDL_Renderer* renderer() const { return renderer_; }
  bool headless() const { return headless_; }
  // Output size in pixels (may differ from the requested size on high-DPI desktops).
  void output_size(int& w, int& h) const;

  // Waits up to timeout_ms for an event (0: just poll). Headless runs have no event source
  // worth polling, so they sleep instead of letting SDL spin.
  bool wait_event(SDL_Event& ev, int timeout_ms);

  // Reads the pixels rendered so far this frame (before present) as RGBA, top row first.
  bool read_pixels(std::vector<uint8_t>& rgba, int& w, int& h) const;

  // Makes a blended RGBA texture of white pixels whose alpha is `alpha` (w x h, one byte per
  // pixel): the font atlas. The pixels are converted a band of rows at a time, so no
  // full-size RGBA copy is ever made in memory. Null (with SDL's reason on stderr) on failure;
  // the caller destroys it with SDL_DestroyTexture.
  SDL_Texture* create_alpha_texture(const unsigned char* alpha, int w, int h) const;

 private:
  Platform() = default;
  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  bool headless_ = false;
};

// Writes RGBA pixels as a PNG.
Status write_png(const std::filesystem::path& path, const std::vector<uint8_t>& rgba, int w, int h);
// Fast: least compression, no per-row filter search (several times quicker, bigger files); for
// runs that write hundreds of shots to be read back (the layout check).
void set_png_fast(bool fast);

// Milliseconds since an arbitrary start (monotonic).
double monotonic_ms();

}  // namespace bianmin::kiosk
