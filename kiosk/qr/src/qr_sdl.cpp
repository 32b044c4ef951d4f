#include "bianmin/qr/qr_sdl.hpp"

#include <SDL.h>

#include <vector>

namespace bianmin::qr {

void TextureDeleter::operator()(SDL_Texture* t) const {
  if (t) SDL_DestroyTexture(t);
}

Result<TexturePtr> make_texture(SDL_Renderer* renderer, const QrMatrix& m) {
  if (!renderer || m.size <= 0) return Result<TexturePtr>::fail("no renderer or empty QR matrix");
  SDL_Texture* raw = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, m.size, m.size);
  if (!raw) return Result<TexturePtr>::fail(std::string("SDL_CreateTexture: ") + SDL_GetError());
  TexturePtr tex(raw);
  // ABGR8888 is R,G,B,A in memory order on little and big endian alike as a 32-bit word
  // 0xAABBGGRR; black and white are symmetric so only alpha placement matters.
  std::vector<uint32_t> px(static_cast<size_t>(m.size) * m.size);
  for (int y = 0; y < m.size; ++y)
    for (int x = 0; x < m.size; ++x) px[static_cast<size_t>(y) * m.size + x] = m.dark(x, y) ? 0xFF000000u : 0xFFFFFFFFu;
  if (SDL_UpdateTexture(raw, nullptr, px.data(), m.size * 4) != 0)
    return Result<TexturePtr>::fail(std::string("SDL_UpdateTexture: ") + SDL_GetError());
  // Nearest-neighbour keeps module edges sharp when ImGui scales the texture up.
  SDL_SetTextureScaleMode(raw, SDL_ScaleModeNearest);
  SDL_SetTextureBlendMode(raw, SDL_BLENDMODE_NONE);
  return tex;
}

int qr_draw_size(const QrMatrix& m, int max_side) {
  if (m.size <= 0 || max_side < m.size) return 0;
  return (max_side / m.size) * m.size;
}

}  // namespace bianmin::qr
