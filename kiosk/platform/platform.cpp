#include "platform/platform.hpp"

#include <SDL.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace bianmin::kiosk {

namespace {
bool env_set(const char* name) {  // set and not empty (DISPLAY= counts as no display)
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}
}  // namespace

Result<std::unique_ptr<Platform>> Platform::open(const PlatformOptions& opts) {
  if (opts.headless) {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    // The software renderer draws into the window's surface; without this hint SDL would
    // present that surface through an OpenGL texture, loading Mesa (llvmpipe) for nothing.
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  } else if (!env_set("DISPLAY") && !env_set("WAYLAND_DISPLAY") && !env_set("SDL_VIDEODRIVER")) {
    return Result<std::unique_ptr<Platform>>::fail(
        "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set). Run it under a desktop "
        "or the cage compositor, or render without a screen with --headless (e.g. --headless "
        "--screenshot home.png)");
  }
  // Touch screens deliver touch events; SDL's synthesized mouse events would double them.
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
    std::string msg = std::string("cannot start the display: ") + SDL_GetError();
    if (!opts.headless) msg += " (to render without a screen, use --headless)";
    return Result<std::unique_ptr<Platform>>::fail(msg);
  }
  std::unique_ptr<Platform> p(new Platform());
  p->headless_ = opts.headless;
  Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
  if (opts.fullscreen && !opts.headless) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  p->window_ = SDL_CreateWindow(opts.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, opts.width,
                                opts.height, flags);
  if (!p->window_)
    return Result<std::unique_ptr<Platform>>::fail(std::string("cannot open a window: ") + SDL_GetError());
  Uint32 rflags = opts.headless ? SDL_RENDERER_SOFTWARE : (SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
  p->renderer_ = SDL_CreateRenderer(p->window_, -1, rflags);
  if (!p->renderer_ && !opts.headless) p->renderer_ = SDL_CreateRenderer(p->window_, -1, SDL_RENDERER_SOFTWARE);
  if (!p->renderer_)
    return Result<std::unique_ptr<Platform>>::fail(std::string("cannot create a renderer: ") + SDL_GetError());
  if (opts.fullscreen && !opts.headless) SDL_ShowCursor(SDL_DISABLE);
  return p;
}

Platform::~Platform() {
  if (renderer_) SDL_DestroyRenderer(renderer_);
  if (window_) SDL_DestroyWindow(window_);
  SDL_Quit();
}

void Platform::output_size(int& w, int& h) const {
  if (SDL_GetRendererOutputSize(renderer_, &w, &h) != 0) SDL_GetWindowSize(window_, &w, &h);
}

bool Platform::wait_event(SDL_Event& ev, int timeout_ms) {
  if (timeout_ms <= 0) return SDL_PollEvent(&ev) == 1;
  if (headless_) {
    if (SDL_PollEvent(&ev) == 1) return true;
    SDL_Delay(static_cast<Uint32>(timeout_ms));
    return SDL_PollEvent(&ev) == 1;
  }
  return SDL_WaitEventTimeout(&ev, timeout_ms) == 1;
}

bool Platform::read_pixels(std::vector<uint8_t>& rgba, int& w, int& h) const {
  output_size(w, h);
  rgba.assign(static_cast<size_t>(w) * h * 4, 0);
  return SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, rgba.data(), w * 4) == 0;
}

SDL_Texture* Platform::create_alpha_texture(const unsigned char* alpha, int w, int h) const {
  SDL_Texture* tex = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, w, h);
  if (!tex) {
    std::fprintf(stderr, "bianmin-kiosk: cannot create the font texture (%dx%d): %s\n", w, h, SDL_GetError());
    return nullptr;
  }
  constexpr int kBand = 32;
  std::vector<uint32_t> band(static_cast<size_t>(w) * kBand);
  for (int y0 = 0; y0 < h; y0 += kBand) {
    const int rows = std::min(kBand, h - y0);
    const unsigned char* src = alpha + static_cast<size_t>(y0) * w;
    const size_t n = static_cast<size_t>(w) * rows;
    for (size_t i = 0; i < n; ++i) band[i] = 0x00FFFFFFu | (static_cast<uint32_t>(src[i]) << 24);  // RGBA32 bytes
    SDL_Rect r{0, y0, w, rows};
    if (SDL_UpdateTexture(tex, &r, band.data(), w * 4) != 0) {
      std::fprintf(stderr, "bianmin-kiosk: cannot fill the font texture: %s\n", SDL_GetError());
      SDL_DestroyTexture(tex);
      return nullptr;
    }
  }
  SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
  return tex;
}

Status write_png(const std::filesystem::path& path, const std::vector<uint8_t>& rgba, int w, int h) {
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
  }
  if (!stbi_write_png(path.c_str(), w, h, 4, rgba.data(), w * 4))
    return Status::fail("cannot write the screenshot", path.string());
  return Status::success();
}

void set_png_fast(bool fast) {
  stbi_write_png_compression_level = fast ? 1 : 8;
  stbi_write_force_png_filter = fast ? 0 : -1;
}

double monotonic_ms() {
  using namespace std::chrono;
  static const auto start = steady_clock::now();
  return duration<double, std::milli>(steady_clock::now() - start).count();
}

}  // namespace bianmin::kiosk
