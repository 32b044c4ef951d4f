// On-screen keypads: a grid of big keys (no system keyboard, no IME). Used by search (A–Z,
// digits, backspace, clear) and by the staff PIN pad.
#pragma once
#include <string>
#include <vector>

#include "widgets/ui.hpp"

namespace bianmin::kiosk {

// Draws `keys` in a grid of `cols` columns filling the available width, each key `key_h`
// high (width 0 = the available width). Returns the index of the key tapped this frame, or -1. Keys whose label starts with
// "!" are drawn as accent keys (the "!" is not shown).
int key_grid(Ui& ui, const std::vector<std::string>& keys, int cols, float key_h, float width = 0);

// Chips: small rounded toggles in a flowing line (filters, quick words, preset reasons).
// Returns the index tapped this frame, or -1.
int chips(Ui& ui, const std::vector<std::string>& labels, const std::vector<bool>& selected, float width = 0);

}  // namespace bianmin::kiosk
