// On-screen keypads: a grid of big keys (no system keyboard, no IME). Used by search (A–Z,
// digits, backspace, clear) and by the staff PIN pad.
#pragma once
#include <string>
#include <vector>

#include "widgets/ui.hpp"

namespace bianmin::kiosk {

// Draws `keys` in a grid of `cols` columns filling the available width, each key `key_h`
// high (width 0 = the available width). Returns the index of the key tapped this frame, or -1.
// Keys whose label starts with "!" are accent keys (the "!" is not shown) spanning
// `accent_span` columns (a key that would not fit at the end of a row starts the next).
int key_grid(Ui& ui, const std::vector<std::string>& keys, int cols, float key_h, float width = 0, int accent_span = 1);
// How many rows key_grid() needs for these keys.
int key_grid_rows(const std::vector<std::string>& keys, int cols, int accent_span = 1);

// Chips: small rounded toggles in a flowing line (filters, quick words, preset reasons).
// Returns the index tapped this frame, or -1.
int chips(Ui& ui, const std::vector<std::string>& labels, const std::vector<bool>& selected, float width = 0);
// The height chips() takes for these labels in `width` (they flow onto more lines).
float chips_height(const Ui& ui, const std::vector<std::string>& labels, float width);

}  // namespace bianmin::kiosk
