// Search: an on-screen keypad (A–Z for pinyin initials, digits, 删除, 清空) and quick words;
// results update with every key and are grouped by kind. No system keyboard, no IME.
#include <cctype>

#include "screens/screens.hpp"
#include "widgets/keypad.hpp"

namespace bianmin::kiosk {
namespace {

const char* kind_label(content::HitKind k) {
  switch (k) {
    case content::HitKind::Guide: return "办事指南";
    case content::HitKind::Card: return "明白卡";
    case content::HitKind::Policy: return "政策文件";
    case content::HitKind::PolicyQA: return "政策问答";
    case content::HitKind::Notice: return "通知公告";
    case content::HitKind::Department: return "部门";
    case content::HitKind::Fund: return "资金公开";
  }
  return "";
}

std::optional<Route> route_for(ScreenContext& ctx, const content::SearchHit& h) {
  switch (h.kind) {
    case content::HitKind::Guide: return Route{Screen::Guide, h.id, ""};
    case content::HitKind::Card: return Route{Screen::Card, h.id, ""};
    case content::HitKind::Policy: return Route{Screen::Policy, h.id, ""};
    case content::HitKind::PolicyQA: {
      std::string id = h.id;
      if (!ctx.store.policy(id)) {
        auto cut = id.find_last_of("#/:");
        if (cut != std::string::npos) id = id.substr(0, cut);
      }
      return Route{Screen::Policy, id, ""};
    }
    case content::HitKind::Notice: return Route{Screen::Notice, h.id, ""};
    case content::HitKind::Department: return Route{Screen::GuideList, "dept", h.id};
    case content::HitKind::Fund: {
      auto f = ctx.store.fund_header(h.id);
      if (!f || f->village_ids.empty()) return Route{Screen::FundVillages, "", ""};
      return Route{Screen::FundTable, f->village_ids.front(), h.id};
    }
  }
  return std::nullopt;
}

bool has_digit(const std::string& s) {
  for (char c : s)
    if (std::isdigit(static_cast<unsigned char>(c))) return true;
  return false;
}

}  // namespace

void draw_search(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m;
  ctx.title = "搜索";
  std::string& q = ctx.person.search_text;
  const float x0 = ctx.area_min.x + m.pad;
  const float w = ctx.area_w() - m.pad * 2;

  // --- the query box ---
  ImGui::SetCursorScreenPos(ImVec2(x0, ctx.area_min.y + m.pad * 0.6f));
  {
    ImVec2 a = ImGui::GetCursorScreenPos();
    const float bh = m.touch;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, ImVec2(a.x + w, a.y + bh), ui.c.surface, m.radius);
    dl->AddRect(a, ImVec2(a.x + w, a.y + bh), ui.c.primary, m.radius, 0, 2.5f);
    std::string ic = ui.fonts->glyph(assets::Icon::Search);
    ImVec2 is = ui.measure(ic, ui.fonts->heading);
    dl->AddText(ui.fonts->heading, ui.fonts->heading->FontSize, ImVec2(a.x + m.gap, a.y + (bh - is.y) * 0.5f), ui.c.primary,
                ic.c_str());
    const bool empty = q.empty();
    std::string shown = empty ? "输入拼音首字母，如 YLBX（养老保险）" : q;
    ImFont* f = empty ? ui.fonts->body : ui.fonts->heading;
    ImVec2 ts = ui.measure(shown, f);
    ui.draw_text(dl, f, ImVec2(a.x + m.gap * 2 + is.x, a.y + (bh - ts.y) * 0.5f), empty ? ui.c.text_muted : ui.c.text, shown);
    ImGui::Dummy(ImVec2(w, bh));
  }

  // --- keypad (bottom) and quick words ---
  std::vector<std::string> keys;
  for (char c = 'A'; c <= 'Z'; ++c) keys.emplace_back(1, c);
  for (char c = '0'; c <= '9'; ++c) keys.emplace_back(1, c);
  keys.push_back("!删除");
  keys.push_back("!清空");
  const int cols = m.portrait ? 7 : 13;
  const int rows = (static_cast<int>(keys.size()) + cols - 1) / cols;
  const float key_h = std::max(m.touch * (m.portrait ? 1.0f : 0.9f), m.px_per_mm * 12);
  const float pad_h = static_cast<float>(rows) * key_h + static_cast<float>(rows - 1) * m.gap * 0.6f;
  const std::vector<std::string> quick = {"养老", "医保", "低保", "户口", "补贴", "残疾", "生育"};
  const bool show_quick = ctx.area_h() > pad_h + m.touch * 5;
  const float quick_h = show_quick ? std::max(m.touch * 0.9f, ui.fonts->body->FontSize + m.gap * 1.2f) + m.gap : 0;
  const float keypad_top = ctx.area_max.y - m.pad * 0.6f - pad_h;
  ImGui::SetCursorScreenPos(ImVec2(x0, keypad_top - quick_h));
  ImGui::BeginGroup();
  if (show_quick) {
    int t = chips(ui, quick, {}, w);
    if (t >= 0) q = quick[static_cast<size_t>(t)];
  }
  ImGui::EndGroup();
  ImGui::SetCursorScreenPos(ImVec2(x0, keypad_top));
  ImGui::BeginGroup();
  int k = key_grid(ui, keys, cols, key_h, w);
  ImGui::EndGroup();
  if (k >= 0) {
    const std::string& key = keys[static_cast<size_t>(k)];
    if (key == "!删除") {
      // remove the last UTF-8 character
      while (!q.empty() && (static_cast<unsigned char>(q.back()) & 0xC0) == 0x80) q.pop_back();
      if (!q.empty()) q.pop_back();
    } else if (key == "!清空") {
      q.clear();
    } else if (q.size() < 24) {
      // quick words are Chinese; typing initials after one starts afresh
      if (!q.empty() && (static_cast<unsigned char>(q[0]) & 0x80)) q.clear();
      q += key;
    }
  }

  // --- results between the box and the keypad ---
  ImGui::SetCursorScreenPos(ImVec2(ctx.area_min.x, ctx.area_min.y + m.pad * 0.6f + m.touch + m.gap * 0.5f));
  const float results_h = keypad_top - quick_h - m.gap - ImGui::GetCursorScreenPos().y;
  begin_page(ctx, "search_results", results_h);
  if (!q.empty()) {
    const auto& hits = ctx.memo.get<std::vector<content::SearchHit>>("search/" + q, [&] { return ctx.store.search(q, 60); });
    if (hits.empty()) {
      ui.paragraph("没有找到“" + q + "”相关的内容。可以换个说法，或点“清空”重新输入。", ui.fonts->body, ui.c.text_muted);
    } else {
      ui.paragraph("找到 " + std::to_string(hits.size()) + " 条结果", ui.fonts->small, ui.c.text_muted);
      const content::HitKind order[] = {content::HitKind::Guide,  content::HitKind::Card,       content::HitKind::Policy,
                                        content::HitKind::PolicyQA, content::HitKind::Notice, content::HitKind::Department,
                                        content::HitKind::Fund};
      for (auto kind : order) {
        bool first = true;
        for (const auto& h : hits) {
          if (h.kind != kind) continue;
          if (first) {
            ui.paragraph(kind_label(kind), ui.fonts->body, ui.c.primary);
            first = false;
          }
          if (ui.row(h.title, h.context, {}, h.id)) {
            auto r = route_for(ctx, h);
            // statistics: the query (never one with digits: it could be part of an ID number)
            ctx.emit(Intent{Intent::Kind::Search, {}, {}, has_digit(q) ? std::string() : q, static_cast<int>(hits.size())});
            if (r) ctx.go(*r);
          }
        }
      }
    }
  } else {
    ui.paragraph("用下方键盘输入要找的事项的拼音首字母，例如：", ui.fonts->body, ui.c.text_muted);
    ui.paragraph("养老保险 → YLBX　　医疗保险 → YLBX 或 YB　　低保 → DB", ui.fonts->body, ui.c.text);
    ui.paragraph("也可以输入文号数字，或点上方的常用词。", ui.fonts->body, ui.c.text_muted);
  }
  end_page(ctx);
}

}  // namespace bianmin::kiosk
