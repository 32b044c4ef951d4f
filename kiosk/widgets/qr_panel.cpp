#include "widgets/qr_panel.hpp"

namespace bianmin::kiosk {

void qr_panel(Ui& ui, const std::string& url, const std::string& caption) {
  const Metrics& m = ui.m;
  ui.begin_card();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float qr = std::min(avail * 0.42f, m.touch * 4.0f);
  ImVec2 a = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, ImVec2(a.x + qr, a.y + qr), ui.c.surface_alt, m.radius * 0.5f);
  std::string ic = ui.fonts->glyph(assets::Icon::QrCode);
  ImFont* f = ui.fonts->icon;
  const float isz = qr * 0.7f;
  ImVec2 is = f->CalcTextSizeA(isz, FLT_MAX, 0, ic.c_str());
  dl->AddText(f, isz, ImVec2(a.x + (qr - is.x) * 0.5f, a.y + (qr - is.y) * 0.5f), ui.c.text, ic.c_str());
  ImGui::SetCursorScreenPos(ImVec2(a.x + qr + m.pad, a.y));
  ImGui::BeginGroup();
  const float tw = avail - qr - m.pad;
  ui.paragraph("扫码在线办理", ui.fonts->heading, ui.c.primary, tw);
  ui.paragraph(caption, ui.fonts->body, ui.c.text, tw);
  ui.paragraph(url, ui.fonts->small, ui.c.text_muted, tw);
  ImGui::EndGroup();
  const float bottom = std::max(a.y + qr, ImGui::GetItemRectMax().y);
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(avail, bottom - a.y));
  ui.end_card();
}

}  // namespace bianmin::kiosk
