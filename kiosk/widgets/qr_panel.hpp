// The "扫码在线办理" panel: a QR code for an online-handling URL with a short explanation.
//
// The code is the real one (kiosk/qr: libqrencode, EC level M, 4-module quiet zone), drawn from
// an SDL texture with one texel per module, nearest-neighbour, at a whole number of pixels per
// module, so it stays crisp at any screen size and decodes like the printed one.
#pragma once
#include <string>

#include "widgets/ui.hpp"

struct SDL_Renderer;

namespace bianmin::kiosk {

// The renderer QR textures are made for. Call qr_textures_release() before the renderer is
// destroyed (textures are cached per URL; the cache is small and reset on release).
void qr_textures_attach(SDL_Renderer* renderer);
void qr_textures_release();

// Draws the panel at the cursor, full width. Only https URLs get a code; anything else (or a
// renderer that cannot make textures) shows the QR icon and the address in text.
void qr_panel(Ui& ui, const std::string& url, const std::string& caption);

// Draws just the code, `side` pixels at most, with its top-left at `pos`; returns the side
// drawn (0 when it cannot be drawn).
float qr_image(ImDrawList* dl, const std::string& url, ImVec2 pos, float side);

}  // namespace bianmin::kiosk
