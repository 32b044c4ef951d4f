// Icons used by the kiosk, by meaning. Each maps to a Material Icons name; the code point is
// looked up at run time in the icon font's codepoint list (Debian fonts-material-design-icons-
// iconfont) and falls back to the value here, which is the font's published code point.
#pragma once

namespace bianmin::assets {

struct IconDef {
  const char* name;         // Material Icons ligature name
  unsigned short fallback;  // its code point in MaterialIcons-Regular.ttf
};

enum class Icon {
  Guides,
  Card,
  Funds,
  Policy,
  Search,
  Feedback,
  Home,
  Back,
  Elder,
  Print,
  QrCode,
  Phone,
  Place,
  Time,
  Money,
  Check,
  Unchecked,
  ExpandMore,
  ExpandLess,
  ChevronRight,
  Notice,
  Offline,
  Department,
  Topic,
  LifeEvent,
  Catalogue,
  Backspace,
  Clear,
  Village,
  Settings,
  Star,
  Info,
  Refresh,
  Calendar,
  Duration,
  Speak,
  StopSpeaking,
  Count
};

inline constexpr IconDef kIcons[] = {
    {"menu_book", 0xea19},
    {"assignment", 0xe85d},
    {"account_balance_wallet", 0xe850},
    {"gavel", 0xe90e},
    {"search", 0xe8b6},
    {"rate_review", 0xe560},
    {"home", 0xe88a},
    {"arrow_back", 0xe5c4},
    {"elderly", 0xf21a},
    {"print", 0xe8ad},
    {"qr_code_2", 0xe00a},
    {"phone", 0xe0cd},
    {"place", 0xe55f},
    {"schedule", 0xe8b5},
    {"payments", 0xef63},
    {"check_box", 0xe834},
    {"check_box_outline_blank", 0xe835},
    {"expand_more", 0xe5cf},
    {"expand_less", 0xe5ce},
    {"chevron_right", 0xe5cc},
    {"campaign", 0xef49},
    {"cloud_off", 0xe2c1},
    {"account_balance", 0xe84f},
    {"category", 0xe574},
    {"family_restroom", 0xf1a2},
    {"folder_open", 0xe2c8},
    {"backspace", 0xe14a},
    {"clear", 0xe14c},
    {"holiday_village", 0xe58a},
    {"settings", 0xe8b8},
    {"star", 0xe838},
    {"info", 0xe88e},
    {"refresh", 0xe5d5},
    {"event", 0xe878},
    {"hourglass_bottom", 0xea5c},
    {"volume_up", 0xe050},
    {"stop_circle", 0xef71},
};
static_assert(sizeof(kIcons) / sizeof(kIcons[0]) == static_cast<int>(Icon::Count));

}  // namespace bianmin::assets
