#include "bianmin/qr/qr.hpp"

#include <png.h>
#include <qrencode.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace bianmin::qr {

Result<QrMatrix> encode(std::string_view text, EcLevel level, int quiet_zone) {
  if (text.empty()) return Result<QrMatrix>::fail("二维码内容为空");
  if (quiet_zone < 0) quiet_zone = 0;
  QRecLevel lv = level == EcLevel::H ? QR_ECLEVEL_H : level == EcLevel::Q ? QR_ECLEVEL_Q : QR_ECLEVEL_M;
  // 8-bit mode over the exact bytes: QRcode_encodeString() with mode hints may upper-case
  // parts of the URL (alphanumeric mode), which would change what the phone opens.
  errno = 0;
  QRcode* code =
      QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0, lv);
  if (!code) {
    if (errno == ERANGE) return Result<QrMatrix>::fail("网址太长，无法生成二维码");
    return Result<QrMatrix>::fail(std::string("无法生成二维码: ") + std::strerror(errno));
  }
  QrMatrix m;
  m.version = code->version;
  m.quiet_zone = quiet_zone;
  m.size = code->width + 2 * quiet_zone;
  m.modules.assign(static_cast<size_t>(m.size) * m.size, 0);
  for (int y = 0; y < code->width; ++y)
    for (int x = 0; x < code->width; ++x)
      m.modules[static_cast<size_t>(y + quiet_zone) * m.size + (x + quiet_zone)] = code->data[y * code->width + x] & 1;
  QRcode_free(code);
  return m;
}

std::vector<uint8_t> to_gray(const QrMatrix& m, int module_px) {
  if (module_px < 1) module_px = 1;
  const int side = m.size * module_px;
  std::vector<uint8_t> px(static_cast<size_t>(side) * side, 255);
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x)
      if (m.dark(x / module_px, y / module_px)) px[static_cast<size_t>(y) * side + x] = 0;
  return px;
}

Status write_png(const QrMatrix& m, int module_px, const std::filesystem::path& path) {
  if (m.size <= 0) return Status::fail("empty QR matrix", path.string());
  if (module_px < 1) module_px = 1;
  const int side = m.size * module_px;
  std::vector<uint8_t> px = to_gray(m, module_px);
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Status::fail(std::string("cannot write: ") + std::strerror(errno), path.string());
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    std::fclose(f);
    return Status::fail("PNG encoding failed", path.string());
  }
  png_init_io(png, f);
  png_set_IHDR(png, info, side, side, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < side; ++y) png_write_row(png, px.data() + static_cast<size_t>(y) * side);
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  if (std::fclose(f) != 0) return Status::fail("cannot finish writing", path.string());
  return Status::success();
}

}  // namespace bianmin::qr
