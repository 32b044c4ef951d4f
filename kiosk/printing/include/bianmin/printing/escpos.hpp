// ESC/POS, the command language of the 58/80 mm thermal receipt printers halls buy.
//
// Promises:
//  - raster_job() turns a slip's 1-bit raster (slips::Raster) into one print job's bytes:
//    ESC @ (initialise), the image as GS v 0 raster bit images in bands of at most
//    kBandRows rows, ESC d (feed the last line past the cutter), GS V 1 (partial cut).
//    Nothing else: no code pages, no text mode, so every ESC/POS printer prints it alike.
//  - The bytes go to the printer unchanged through a raw CUPS queue
//    (application/vnd.cups-raw); see PrintService.
#pragma once
#include <string>

#include "bianmin/slips/slips.hpp"

namespace bianmin::printing::escpos {

// Rows per GS v 0 band: small enough for the receive buffer of cheap printers (48 KB of
// image at most at 576 dots), large enough that the head does not pause visibly between bands.
inline constexpr int kBandRows = 128;
// Lines (ESC d) fed after the image so the last printed line clears the cutter (about 15 mm
// on common mechanisms at the default 1/6 inch line).
inline constexpr int kFeedLines = 4;

// The byte values of the commands used.
inline constexpr unsigned char ESC = 0x1B, GS = 0x1D;

std::string raster_job(const slips::Raster& raster);

}  // namespace bianmin::printing::escpos
