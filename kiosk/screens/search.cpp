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

  // Keys: A–Z, digits, then 删除 and 清空 two keys wide (their words stay big).
  std::vector<std::string> keys;
  for (char c = 'A'; c <= 'Z'; ++c) keys.emplace_back(1, c);
  for (char c = '0'; c <= '9'; ++c) keys.emplace_back(1, c);
  keys.push_back("!删除");
  keys.push_back("!清空");
  const std::vector<std::string> quick = {"养老", "医保", "低保", "户口", "补贴", "残疾", "生育"};
  const float gapk = m.gap * 0.6f;
  const float key_h_min = std::max(m.touch * (m.portrait ? 1.0f : 0.9f), m.px_per_mm * 12);
  const float top = ctx.area_min.y + m.pad * 0.6f;

  // Layout. Portrait: the query box on top, results, quick words, the keypad across the
  // bottom. Landscape: the query box and results on the left, quick words and the keypad on
  // the right, as many columns as it takes for the keys to fit the height.
  int cols = 7;
  float pad_x0 = ctx.area_min.x + m.pad, pad_w = ctx.area_w() - m.pad * 2;
  float res_min_x = ctx.area_min.x, res_max_x = ctx.area_max.x;
  float key_h = key_h_min;
  float quick_h = 0;  // the quick words' height with the gap under them; 0 = not shown
  if (m.portrait) {
    const int rows = key_grid_rows(keys, cols, 2);
    const float pad_h = static_cast<float>(rows) * key_h + static_cast<float>(rows - 1) * gapk;
    if (ctx.area_h() > pad_h + m.touch * 5) quick_h = chips_height(ui, quick, pad_w) + m.gap;
  } else {
    const float avail_h = ctx.area_max.y - top - m.pad * 0.6f;
    const int rows_fit = std::max(1, static_cast<int>((avail_h + gapk) / (key_h + gapk)));
    while (key_grid_rows(keys, cols, 2) > rows_fit && cols < 13) ++cols;
    const int rows = key_grid_rows(keys, cols, 2);
    // keys a little wider than tall, the pane never more than 58% of the width
    auto pane_w = [&](float kh) {
      return std::min(static_cast<float>(cols) * kh * 1.15f + static_cast<float>(cols - 1) * gapk, ctx.area_w() * 0.58f);
    };
    pad_w = pane_w(key_h);
    const float words = chips_height(ui, quick, pad_w) + m.gap;
    const float pad_h = static_cast<float>(rows) * key_h + static_cast<float>(rows - 1) * gapk;
    if (avail_h - pad_h >= words) quick_h = words;
    // Keys grow into the room left (up to half again their size), and the pane with them.
    const float room = avail_h - quick_h - pad_h;
    if (room > 0) {
      key_h = std::min(key_h * 1.5f, key_h + room / static_cast<float>(rows));
      pad_w = pane_w(key_h);
      if (quick_h > 0) quick_h = chips_height(ui, quick, pad_w) + m.gap;
    }
    pad_x0 = ctx.area_max.x - m.pad - pad_w;
    res_max_x = pad_x0 - m.gap * 0.5f;  // the results page's own right margin makes the gap
  }
  const int rows = key_grid_rows(keys, cols, 2);
  const float pad_h = static_cast<float>(rows) * key_h + static_cast<float>(rows - 1) * gapk;
  const float keypad_top = ctx.area_max.y - m.pad * 0.6f - pad_h;
  const bool show_quick = quick_h > 0;

  // --- the query box ---
  const float box_x = res_min_x + m.pad, box_w = res_max_x - res_min_x - m.pad * 2;
  ImGui::SetCursorScreenPos(ImVec2(box_x, top));
  {
    ImVec2 a = ImGui::GetCursorScreenPos();
    const float bh = m.touch;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, ImVec2(a.x + box_w, a.y + bh), ui.c.surface, m.radius);
    dl->AddRect(a, ImVec2(a.x + box_w, a.y + bh), ui.c.primary, m.radius, 0, 2.5f);
    std::string ic = ui.fonts->glyph(assets::Icon::Search);
    ImVec2 is = ui.measure(ic, ui.fonts->heading);
    dl->AddText(ui.fonts->heading, ui.fonts->heading->FontSize, ImVec2(a.x + m.gap, a.y + (bh - is.y) * 0.5f), ui.c.primary,
                ic.c_str());
    const bool empty = q.empty();
    const float text_w = box_w - m.gap * 3 - is.x;
    std::string shown = empty ? "输入拼音首字母，如 YLBX（养老保险）" : q;
    ImFont* f = empty ? ui.fonts->body : ui.fonts->heading;
    if (empty && ui.measure(shown, f).x > text_w) shown = "输入拼音首字母";
    ImVec2 ts = ui.measure(shown, f);
    ui.draw_text(dl, f, ImVec2(a.x + m.gap * 2 + is.x, a.y + (bh - ts.y) * 0.5f), empty ? ui.c.text_muted : ui.c.text, shown);
    ImGui::Dummy(ImVec2(box_w, bh));
  }

  // --- quick words and the keypad ---
  ImGui::SetCursorScreenPos(ImVec2(pad_x0, keypad_top - quick_h));
  ImGui::BeginGroup();
  if (show_quick) {
    int t = chips(ui, quick, {}, pad_w);
    if (t >= 0) q = quick[static_cast<size_t>(t)];
  }
  ImGui::EndGroup();
  ImGui::SetCursorScreenPos(ImVec2(pad_x0, keypad_top));
  ImGui::BeginGroup();
  int k = key_grid(ui, keys, cols, key_h, pad_w, 2);
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

  // --- results under the box (portrait: down to the quick words; landscape: to the bottom) ---
  const ImVec2 area_min = ctx.area_min, area_max = ctx.area_max;
  ctx.area_min.x = res_min_x;
  ctx.area_max.x = res_max_x;
  ImGui::SetCursorScreenPos(ImVec2(res_min_x, top + m.touch + m.gap * 0.5f));
  // (portrait: a gap above the quick words or keys, so a row cut by the edge never touches them)
  const float results_bottom = m.portrait ? keypad_top - quick_h - m.gap : ctx.area_max.y;
  begin_page(ctx, "search_results", results_bottom - ImGui::GetCursorScreenPos().y);
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
    ui.paragraph(m.portrait ? "用下方键盘输入要找的事项的拼音首字母，例如：" : "用右侧键盘输入要找的事项的拼音首字母，例如：",
                 ui.fonts->body, ui.c.text_muted);
    ui.paragraph("养老保险 → YLBX　　医疗保险 → YLBX 或 YB　　低保 → DB", ui.fonts->body, ui.c.text);
    ui.paragraph(!show_quick ? "也可以输入文号数字。"
                 : m.portrait ? "也可以输入文号数字，或点下方的常用词。"
                              : "也可以输入文号数字，或点右侧的常用词。",
                 ui.fonts->body, ui.c.text_muted);
  }
  end_page(ctx);
  ctx.area_min = area_min;
  ctx.area_max = area_max;
}

}  // namespace bianmin::kiosk
