// QR codes: what is encoded decodes back exactly, from a PNG and from an SDL texture.
#include <SDL.h>
#include <doctest/doctest.h>

#include "bianmin/qr/qr.hpp"
#include "bianmin/qr/qr_sdl.hpp"
#include "print_support.hpp"
#include "support/test_support.hpp"

using namespace bianmin;
using bianmin::test::TempDir;

namespace {
const std::string kUrl = "https://zwfw.gansu.gov.cn/item/62052400MZ-XK-0001?from=Kiosk&Terminal=TongXi-01";
}

TEST_CASE("encode gives a square matrix with a 4-module quiet zone") {
  auto m = qr::encode(kUrl);
  REQUIRE(m.ok());
  CHECK(m->quiet_zone == 4);
  CHECK(m->size == 17 + 4 * m->version + 8);
  CHECK(m->modules.size() == static_cast<size_t>(m->size) * m->size);
  for (int i = 0; i < m->size; ++i) {  // the border is white
    CHECK_FALSE(m->dark(i, 0));
    CHECK_FALSE(m->dark(0, i));
    CHECK_FALSE(m->dark(i, m->size - 1));
    CHECK_FALSE(m->dark(m->size - 1, i));
  }
  CHECK(m->dark(4, 4));  // top-left finder pattern starts right after the quiet zone
}

TEST_CASE("encoded URL decodes back exactly from a PNG (mixed case kept)") {
  TempDir dir("qr");
  for (auto level : {qr::EcLevel::M, qr::EcLevel::Q, qr::EcLevel::H}) {
    auto m = qr::encode(kUrl, level);
    REQUIRE(m.ok());
    auto png = dir / "code.png";
    REQUIRE(qr::write_png(*m, 4, png).ok());
    auto codes = test::print::decode_qr(png);
    REQUIRE(codes.size() == 1);
    CHECK(codes[0] == kUrl);
  }
}

TEST_CASE("higher error correction needs at least as many modules") {
  auto m = qr::encode(kUrl, qr::EcLevel::M);
  auto h = qr::encode(kUrl, qr::EcLevel::H);
  REQUIRE(m.ok());
  REQUIRE(h.ok());
  CHECK(h->size >= m->size);
}

TEST_CASE("empty and oversized texts are errors, not crashes") {
  CHECK_FALSE(qr::encode("").ok());
  auto big = qr::encode(std::string(5000, 'x'));
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().message.find("太长") != std::string::npos);
}

TEST_CASE("the SDL texture, drawn scaled up, stays crisp and decodes") {
  auto m = qr::encode(kUrl);
  REQUIRE(m.ok());
  const int box = 400;
  const int side = qr::qr_draw_size(*m, box);
  REQUIRE(side > 0);
  CHECK(side % m->size == 0);
  CHECK(side <= box);
  CHECK(qr::qr_draw_size(*m, m->size - 1) == 0);

  SDL_Surface* target = SDL_CreateRGBSurfaceWithFormat(0, box, box, 32, SDL_PIXELFORMAT_ARGB8888);
  REQUIRE(target);
  SDL_Renderer* r = SDL_CreateSoftwareRenderer(target);
  REQUIRE(r);
  {
    auto tex = qr::make_texture(r, *m);
    REQUIRE(tex.ok());
    SDL_SetRenderDrawColor(r, 200, 220, 240, 255);  // a coloured panel around the code
    SDL_RenderClear(r);
    SDL_Rect dst{(box - side) / 2, (box - side) / 2, side, side};
    REQUIRE(SDL_RenderCopy(r, tex->get(), nullptr, &dst) == 0);
    SDL_RenderPresent(r);

    // Nearest-neighbour: every pixel inside the code is pure black or pure white.
    const auto* px = static_cast<const uint32_t*>(target->pixels);
    int grey = 0;
    for (int y = dst.y; y < dst.y + side; ++y)
      for (int x = dst.x; x < dst.x + side; ++x) {
        uint32_t v = px[y * (target->pitch / 4) + x] & 0xFFFFFFu;
        if (v != 0 && v != 0xFFFFFFu) ++grey;
      }
    CHECK(grey == 0);

    TempDir dir("qrsdl");
    auto bmp = dir / "screen.bmp";
    REQUIRE(SDL_SaveBMP(target, bmp.c_str()) == 0);
    auto codes = test::print::decode_qr(bmp);
    REQUIRE(codes.size() == 1);
    CHECK(codes[0] == kUrl);
  }
  SDL_DestroyRenderer(r);
  SDL_FreeSurface(target);
}
