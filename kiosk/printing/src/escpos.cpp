#include "bianmin/printing/escpos.hpp"

#include <algorithm>

namespace bianmin::printing::escpos {

std::string raster_job(const slips::Raster& r) {
  std::string out;
  out.reserve(r.bits.size() + 16 + 8 * (r.height / kBandRows + 1));
  out += static_cast<char>(ESC);
  out += '@';
  for (int y0 = 0; y0 < r.height; y0 += kBandRows) {
    const int rows = std::min(kBandRows, r.height - y0);
    // GS v 0 m xL xH yL yH: m = 0 (normal size), x in bytes per row, y in rows.
    const char head[] = {static_cast<char>(GS),
                         'v',
                         '0',
                         0,
                         static_cast<char>(r.stride & 0xFF),
                         static_cast<char>((r.stride >> 8) & 0xFF),
                         static_cast<char>(rows & 0xFF),
                         static_cast<char>((rows >> 8) & 0xFF)};
    out.append(head, sizeof head);
    out.append(reinterpret_cast<const char*>(r.bits.data()) + static_cast<size_t>(y0) * r.stride,
               static_cast<size_t>(rows) * r.stride);
  }
  out += static_cast<char>(ESC);
  out += 'd';
  out += static_cast<char>(kFeedLines);
  out += static_cast<char>(GS);
  out += 'V';
  out += static_cast<char>(1);  // partial cut: the slip hangs on a tab and does not fall
  return out;
}

}  // namespace bianmin::printing::escpos
