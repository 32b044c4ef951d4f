// QR codes for online-handling URLs, one module shared by the screen and the paper slips.
//
// Promises:
//  - encode() turns a text (a guide's or card's online_url) into a square matrix of modules
//    with the quiet zone already included, at error-correction level M or better, in 8-bit
//    byte mode so the URL decodes back byte for byte (no case folding).
//  - The matrix is plain data: the SDL helper (qr_sdl.hpp), the slip renderer (cairo) and
//    to_gray()/write_png() all draw from it, so screen and paper show the same code.
//  - Errors come back as values (empty text, text too long for a QR code, out of memory).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "bianmin/base/result.hpp"

namespace bianmin::qr {

enum class EcLevel { M, Q, H };  // L is deliberately absent: too fragile for worn paper

struct QrMatrix {
  int size = 0;                  // modules per side, quiet zone included
  int quiet_zone = 0;            // modules of white border on each side (part of `size`)
  int version = 0;               // QR version chosen by libqrencode (1..40)
  std::vector<uint8_t> modules;  // size*size, row-major, 1 = dark

  bool dark(int x, int y) const { return modules[static_cast<size_t>(y) * size + x] != 0; }
};

// Encodes `text` (UTF-8 bytes, as is). quiet_zone is in modules; the standard asks for 4.
Result<QrMatrix> encode(std::string_view text, EcLevel level = EcLevel::M, int quiet_zone = 4);

// An 8-bit grey image (0 = black, 255 = white), module_px pixels per module, row-major,
// width = height = size * module_px.
std::vector<uint8_t> to_gray(const QrMatrix& m, int module_px);

// Writes the matrix as a greyscale PNG with module_px pixels per module (for tests, tools,
// and anyone who needs the code as a file).
Status write_png(const QrMatrix& m, int module_px, const std::filesystem::path& path);

}  // namespace bianmin::qr
