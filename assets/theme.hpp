// The kiosk's palette: a deep government blue with a warm accent, white cards on a light grey
// background. Colours are 0xRRGGBB. The elder palette raises contrast (darker text, stronger
// borders) on top of the same hues. Sizes live in kiosk/widgets/theme.cpp (they follow the
// screen's size and DPI); only colours are here so designers can change them in one place.
#pragma once
#include <cstdint>

namespace bianmin::assets {

struct Palette {
  uint32_t background;    // page background
  uint32_t surface;       // cards, tiles, list rows
  uint32_t surface_alt;   // pressed rows, table stripes
  uint32_t border;        // card outlines
  uint32_t primary;       // header band, primary buttons
  uint32_t primary_dark;  // pressed primary, header gradient end
  uint32_t primary_soft;  // icon circles, selected tabs background
  uint32_t accent;        // warm accent: badges, highlights, the print button (>= 4.5:1 on white and accent_soft)
  uint32_t accent_soft;   // accent backgrounds
  uint32_t text;          // body text on surface
  uint32_t text_muted;    // secondary lines (still >= 4.5:1 on surface)
  uint32_t text_on_primary;
  uint32_t success;  // 全程网办, 现行有效, 打印完成
  uint32_t success_soft;
  uint32_t danger;  // 已废止, 离线, errors
  uint32_t danger_soft;
  uint32_t overlay;  // dims the screen under the idle countdown (alpha applied in code)
};

inline constexpr Palette kNormalPalette{0xF1F4F8, 0xFFFFFF, 0xE8EEF6, 0xD9E1EC, 0x1554A5, 0x0D3B7A,
                                        0xE3EDFA, 0xA84B06, 0xFDF0E3, 0x1C2533, 0x4A5566, 0xFFFFFF,
                                        0x16794A, 0xE2F3EA, 0xB3261E, 0xFBE7E5, 0x0B1A2E};

inline constexpr Palette kElderPalette{0xEDEFF3, 0xFFFFFF, 0xDCE4EF, 0x6B7A90, 0x0B3F86, 0x072B5E,
                                       0xD6E4F7, 0x9A4408, 0xFBE6D2, 0x000000, 0x1F2937, 0xFFFFFF,
                                       0x0E5E38, 0xD3EEDF, 0x9B1C15, 0xF9DEDB, 0x000000};

// Icon tints of the six home tiles (办事指南, 明白卡, 资金公开, 政策文件, 搜索, 评价建议): distinct
// hues so the tiles are told apart at a glance, each dark enough for 3:1 on white.
inline constexpr uint32_t kTileTints[6] = {0x1554A5, 0x0E7C7B, 0xC2410C, 0x6D28D9, 0x0F766E, 0xBE185D};

}  // namespace bianmin::assets
