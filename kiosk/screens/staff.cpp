// Staff mode, reached by a 5-second press in the top-left corner: a PIN pad, then
// diagnostics (terminal, content, sync, printer, disk, fonts), 测试打印 and 重新载入内容.
// Leaving returns home. Nothing here opens a desktop, a file dialog or a shell.
#include <sys/statvfs.h>

#include <imgui_internal.h>

#include "screens/screens.hpp"
#include "widgets/keypad.hpp"

namespace bianmin::kiosk {
namespace {

void fact(Ui& ui, const std::string& label, const std::string& value) {
  ui.paragraph(label, ui.fonts->small, ui.c.text_muted);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui.m.gap * 0.6f);
  ui.paragraph(value.empty() ? "—" : value, ui.fonts->body, ui.c.text);
}

// The agent's last run: when, offline or not, and what it did in its own words.
void sync_facts(Ui& ui, const AppFacts& f) {
  fact(ui, "最后同步", f.last_sync + (f.offline ? "（离线）" : ""));
  if (!f.sync_detail.empty()) fact(ui, "同步情况", f.sync_detail);
}

std::string disk_free(const std::string& path) {
  struct statvfs s {};
  if (statvfs(path.c_str(), &s) != 0) return "未知";
  const double gb = static_cast<double>(s.f_bavail) * static_cast<double>(s.f_frsize) / 1e9;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f GB 可用", gb);
  return buf;
}

// The PIN pad (landscape: the prompt on the left, the pad on the right, all of it without
// scrolling) at the cursor, in `avail_w` x `avail_h`. 确定 emits StaffPin.
void pin_entry(Ui& ui, std::string& pin, const AppFacts& f, std::vector<Intent>& intents, float avail_w,
               float avail_h) {
  const Metrics& m = ui.m;
  const bool side = !m.portrait;
  const float left_w = side ? avail_w * 0.45f : avail_w;
  ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::BeginGroup();
  ui.paragraph("请输入管理员密码", ui.fonts->heading, ui.c.text, left_w);
  std::string dots;
  for (size_t i = 0; i < pin.size(); ++i) dots += "● ";
  // the card spans the left column only: narrow the window's work rect while it is drawn
  ImGuiWindow* win = ImGui::GetCurrentWindow();
  const float work_max = win->WorkRect.Max.x, content_max = win->ContentRegionRect.Max.x;
  win->WorkRect.Max.x = win->ContentRegionRect.Max.x = top.x + left_w;
  ui.begin_card();
  ui.text(dots.empty() ? " " : dots, ui.fonts->heading, ui.c.text);
  ui.end_card();
  win->WorkRect.Max.x = work_max;
  win->ContentRegionRect.Max.x = content_max;
  if (!f.staff_message.empty()) ui.paragraph(f.staff_message, ui.fonts->body, ui.c.danger, left_w);
  if (f.staff_locked) {
    // Too many wrong PINs: no pad until the lock ends (app/app.cpp).
    if (f.staff_message.empty())
      ui.paragraph("密码错误次数过多，已锁定，请稍后再试", ui.fonts->body, ui.c.danger, left_w);
    ImGui::EndGroup();
    return;
  }
  ImGui::EndGroup();
  const std::vector<std::string> keys = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "!清除", "0", "!确定"};
  float pad_h = avail_h;
  if (side)
    ImGui::SetCursorScreenPos(ImVec2(top.x + left_w + m.pad, top.y));
  else
    pad_h = avail_h - (ImGui::GetCursorScreenPos().y - top.y);
  const float key_h = std::max(m.touch, std::min(m.touch * 1.1f, (pad_h - m.gap * 0.6f * 3) / 4));
  const float w = std::min(side ? avail_w - left_w - m.pad : avail_w, key_h * 5.4f);
  int k = key_grid(ui, keys, 3, key_h, w);
  if (k >= 0) {
    const std::string& key = keys[static_cast<size_t>(k)];
    if (key == "!清除")
      pin.clear();
    else if (key == "!确定")
      intents.push_back(intent::StaffPin{pin});
    else if (pin.size() < 12)
      pin += key;
  }
}

}  // namespace

void draw_staff(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  ctx.title = "管理模式";
  const AppFacts& f = ctx.facts;
  if (!f.staff_unlocked) {
    begin_page(ctx, "staff_pin");
    pin_entry(ui, ctx.person.pin, f, ctx.intents, ImGui::GetContentRegionAvail().x, ctx.area_h() - m.pad * 2);
    end_page(ctx);
    return;
  }
  const auto& info = ctx.memo.get<content::CacheInfo>("info", [&] { return ctx.store.info(); });
  begin_page(ctx, "staff");
  // Landscape: the facts on the left, the actions on the right (reachable without scrolling).
  const bool side = !m.portrait;
  const float avail_w = ImGui::GetContentRegionAvail().x;
  const float left_w = side ? avail_w * 0.6f : avail_w;
  ImVec2 top = ImGui::GetCursorScreenPos();
  ImGuiWindow* win = ImGui::GetCurrentWindow();
  const float work_max = win->WorkRect.Max.x, content_max = win->ContentRegionRect.Max.x;
  win->WorkRect.Max.x = win->ContentRegionRect.Max.x = top.x + left_w;
  ui.begin_card();
  ui.section_title("终端状态", assets::Icon::Settings);
  fact(ui, "终端编号", f.terminal_id);
  fact(ui, "内容版本", info.content_version + "（发布于 " + info.published_at + "）");
  fact(ui, "内容文件", f.content_path);
  sync_facts(ui, f);
  fact(ui, "打印机", f.printer.empty() ? "未配置" : f.printer);
  fact(ui, "磁盘",
       disk_free(f.content_path.empty() ? "/" : std::filesystem::path(f.content_path).parent_path().string()));
  fact(ui, "字体图集",
       std::to_string(f.atlas_w) + "×" + std::to_string(f.atlas_h) + "，" + std::to_string(f.glyphs) + " 个字形");
  ui.end_card();
  win->WorkRect.Max.x = work_max;
  win->ContentRegionRect.Max.x = content_max;
  const float after_y = ImGui::GetCursorScreenPos().y;
  if (side) ImGui::SetCursorScreenPos(ImVec2(top.x + left_w + m.pad, top.y));
  ImGui::BeginGroup();
  if (!f.staff_message.empty())
    ui.paragraph(f.staff_message, ui.fonts->body, ui.c.success, side ? avail_w - left_w - m.pad : 0);
  const float w = side ? avail_w - left_w - m.pad : avail_w;
  // (the print helper's printer status / test print lives with these buttons)
  if (ui.button("测试打印", assets::Icon::Print, ButtonKind::Secondary, ImVec2(w, m.touch)))
    ctx.emit(intent::Print{intent::PrintKind::Test, {}, {}, {}});
  if (ui.button("重新载入内容", assets::Icon::Refresh, ButtonKind::Secondary, ImVec2(w, m.touch)))
    ctx.emit(intent::ReloadContent{});
  if (ui.button("退出管理模式", assets::Icon::Back, ButtonKind::Primary, ImVec2(w, m.touch)))
    ctx.emit(intent::StaffExit{});
  ImGui::EndGroup();
  if (side) {
    // the page is as tall as the taller column
    const float end_y = std::max(after_y, ImGui::GetItemRectMax().y + m.gap);
    ImGui::SetCursorScreenPos(ImVec2(top.x, end_y));
  }
  end_page(ctx);
}

void draw_staff_without_content(Ui& ui, PersonState& person, const AppFacts& f, std::vector<Intent>& intents,
                                const std::string& problem) {
  const Metrics& m = ui.m;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(m.width, m.height), ui.c.background);
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(m.width, m.top_bar), ui.c.primary);
  const ImVec2 ts = ui.measure("管理模式", ui.fonts->heading);
  ui.draw_text(dl, ui.fonts->heading, ImVec2(m.pad, (m.top_bar - ts.y) * 0.5f), ui.c.text_on_primary, "管理模式");
  const float w = m.width - m.pad * 2;
  ImGui::SetCursorScreenPos(ImVec2(m.pad, m.top_bar + m.pad));
  ImGui::BeginChild("staff_problem", ImVec2(w, m.height - m.top_bar - m.pad * 2), false, ImGuiWindowFlags_NoScrollbar);
  if (!f.staff_unlocked) {
    pin_entry(ui, person.pin, f, intents, w, m.height - m.top_bar - m.pad * 2);
  } else {
    // the two actions first (the details below may be long), then what the log says: for staff
    // the technical words are fine here
    const float bw = (w - m.gap) * 0.5f;
    if (ui.button("重新载入内容", assets::Icon::Refresh, ButtonKind::Secondary, ImVec2(bw, m.touch)))
      intents.push_back(intent::ReloadContent{});
    ImGui::SameLine(0, m.gap);
    if (ui.button("退出管理模式", assets::Icon::Back, ButtonKind::Primary, ImVec2(bw, m.touch)))
      intents.push_back(intent::StaffExit{});
    if (!f.staff_message.empty()) ui.paragraph(f.staff_message, ui.fonts->body, ui.c.text);
    ui.begin_card();
    ui.section_title("本机的问题", assets::Icon::Info);
    fact(ui, "原因", problem);
    sync_facts(ui, f);
    fact(ui, "终端编号", f.terminal_id);
    ui.end_card();
  }
  ImGui::EndChild();
}

}  // namespace bianmin::kiosk
