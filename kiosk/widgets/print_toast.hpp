// The print status toast above the bottom bar (drawn by the chrome, fed by app/print_desk.hpp).
#pragma once
#include <string>

#include "widgets/ui.hpp"

namespace bianmin::kiosk {

// What the person tapped on the print toast.
enum class PrintToastTap { None, Confirm, Cancel };

// The status text (wrapped) and, when `qr_url` is set (a failed print of an item that can be
// handled online), the QR code to scan instead; with `cancel`, a 取消打印 button, with `confirm`
// 确定打印 and 不打印 (the long-slip question). Returns what was tapped. Its rectangle is left in
// ui's overlay for the next frame, so what lies beneath it takes no tap meant for the toast.
PrintToastTap draw_print_toast(Ui& ui, const std::string& text, const std::string& qr_url, float bottom_y,
                               bool cancel = false, bool confirm = false);

}  // namespace bianmin::kiosk
