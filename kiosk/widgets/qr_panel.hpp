// The "扫码在线办理" panel: a QR code for an online-handling URL with a short explanation.
#pragma once
#include <string>

#include "widgets/ui.hpp"

namespace bianmin::kiosk {

// Draws the panel at the cursor, full width. The QR module (kiosk/qr/, issue 4) draws the
// code itself; until it is linked the panel shows the address in large text.
void qr_panel(Ui& ui, const std::string& url, const std::string& caption);

}  // namespace bianmin::kiosk
