// Money: amounts are integer fen (分, 1/100 yuan) everywhere, so totals add up exactly; this
// is the one place that writes fen as yuan text (screens, printed slips, importer messages).
//
// Promises:
//  - format_yuan(123456) == "1,234.56": thousands grouped with ',', always two decimals, a
//    leading '-' for negative amounts; every int64_t value, INT64_MIN included, is exact.
//  - format_yuan_plain(123456) == "1234.56": the same without grouping, as a spreadsheet
//    cell or a source file writes it.
//  - Header-only, no dependencies.
#pragma once
#include <cstdint>
#include <string>

namespace bianmin::money {

namespace detail {
inline std::string format(int64_t fen, bool grouped) {
  const bool neg = fen < 0;
  // -(fen + 1) + 1 keeps INT64_MIN in range.
  const uint64_t abs_fen = neg ? static_cast<uint64_t>(-(fen + 1)) + 1 : static_cast<uint64_t>(fen);
  const std::string whole = std::to_string(abs_fen / 100);
  std::string out = neg ? "-" : "";
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (grouped && i > 0 && (whole.size() - i) % 3 == 0) out += ',';
    out += whole[i];
  }
  const auto cents = static_cast<unsigned>(abs_fen % 100);
  out += '.';
  out += static_cast<char>('0' + cents / 10);
  out += static_cast<char>('0' + cents % 10);
  return out;
}
}  // namespace detail

// "1,234.56" from 123456 fen.
inline std::string format_yuan(int64_t fen) { return detail::format(fen, true); }
// "1234.56" from 123456 fen.
inline std::string format_yuan_plain(int64_t fen) { return detail::format(fen, false); }

}  // namespace bianmin::money
