// The QR code as an SDL texture the kiosk draws with ImGui::Image.
//
// Promises: the texture holds one texel per module (quiet zone included) and its scale mode
// is nearest-neighbour, so drawing it at any integer multiple of its size gives sharp square
// modules; qr_draw_size() picks the largest such multiple that fits a box. The texture is
// owned by the returned handle and destroyed with it (before its renderer is destroyed).
// Call from the thread that owns the renderer (the frame thread).
#pragma once
#include <memory>

#include "bianmin/qr/qr.hpp"

struct SDL_Renderer;
struct SDL_Texture;

namespace bianmin::qr {

struct TextureDeleter {
  void operator()(SDL_Texture* t) const;
};
using TexturePtr = std::unique_ptr<SDL_Texture, TextureDeleter>;

// Creates a static RGBA texture of m.size x m.size texels (black on white, opaque), with
// SDL_ScaleModeNearest. Returns an error when SDL cannot create or fill the texture.
Result<TexturePtr> make_texture(SDL_Renderer* renderer, const QrMatrix& m);

// The side in pixels to draw the texture at so every module is an integer number of pixels
// and the code fits in max_side pixels; 0 when even one pixel per module does not fit.
int qr_draw_size(const QrMatrix& m, int max_side);

}  // namespace bianmin::qr
