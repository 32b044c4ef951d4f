#include "app/route.hpp"

namespace bianmin::kiosk {
namespace {

std::vector<std::string> split(std::string_view s) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= s.size()) {
    size_t slash = s.find('/', start);
    if (slash == std::string_view::npos) slash = s.size();
    parts.emplace_back(s.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

bool is_tab(const std::string& t) { return t == "dept" || t == "topic" || t == "event" || t == "cat"; }

}  // namespace

std::optional<Route> parse_route(std::string_view text) {
  if (text.empty()) return Route{};
  // Search queries may contain anything but a slash; everything after "search/" is the query.
  if (text.starts_with("search")) {
    if (text == "search") return Route{Screen::Search, "", ""};
    if (text.starts_with("search/")) return Route{Screen::Search, std::string(text.substr(7)), ""};
  }
  auto p = split(text);
  for (const auto& part : p)
    if (part.empty()) return std::nullopt;
  const std::string& s = p[0];
  const size_t n = p.size();
  if (s == "home" && n == 1) return Route{Screen::Home, "", ""};
  if (s == "guides" && n == 1) return Route{Screen::Guides, "dept", ""};
  if (s == "guides" && n == 2 && is_tab(p[1])) return Route{Screen::Guides, p[1], ""};
  if (s == "guides" && n == 3 && is_tab(p[1])) return Route{Screen::GuideList, p[1], p[2]};
  // catalogue ids are path-like ("zwfw/bszn"): everything after guides/cat/ is the id
  if (s == "guides" && n > 3 && p[1] == "cat")
    return Route{Screen::GuideList, "cat", std::string(text.substr(std::string_view("guides/cat/").size()))};
  if (s == "guide" && n == 2) return Route{Screen::Guide, p[1], ""};
  if (s == "cards" && n == 1) return Route{Screen::Cards, "", ""};
  if (s == "card" && n == 2) return Route{Screen::Card, p[1], ""};
  if (s == "funds" && n == 1) return Route{Screen::FundVillages, "", ""};
  if (s == "fund" && n == 2) return Route{Screen::FundVillages, "", p[1]};
  if (s == "funds" && n == 2) return Route{Screen::FundList, p[1], ""};
  if (s == "funds" && n == 3) return Route{Screen::FundTable, p[1], p[2]};
  if (s == "policies" && n == 1) return Route{Screen::Policies, "", ""};
  if (s == "policy" && n == 2) return Route{Screen::Policy, p[1], ""};
  if (s == "feedback" && n == 1) return Route{Screen::Feedback, "", ""};
  if (s == "feedback" && n == 2) return Route{Screen::Feedback, p[1], ""};
  if (s == "staff" && n == 1) return Route{Screen::Staff, "", ""};
  if (s == "notice" && n == 2) return Route{Screen::Notice, p[1], ""};
  return std::nullopt;
}

std::string to_string(const Route& r) {
  switch (r.screen) {
    case Screen::Home: return "home";
    case Screen::Guides: return "guides/" + r.a;
    case Screen::GuideList: return "guides/" + r.a + "/" + r.b;
    case Screen::Guide: return "guide/" + r.a;
    case Screen::Cards: return "cards";
    case Screen::Card: return "card/" + r.a;
    case Screen::FundVillages: return r.b.empty() ? "funds" : "fund/" + r.b;
    case Screen::FundList: return "funds/" + r.a;
    case Screen::FundTable: return "funds/" + r.a + "/" + r.b;
    case Screen::Policies: return "policies";
    case Screen::Policy: return "policy/" + r.a;
    case Screen::Search: return r.a.empty() ? "search" : "search/" + r.a;
    case Screen::Feedback: return r.a.empty() ? "feedback" : "feedback/" + r.a;
    case Screen::Staff: return "staff";
    case Screen::Notice: return "notice/" + r.a;
  }
  return "home";
}

void RouteStack::push(Route r) {
  if (r.screen == Screen::Home) {
    reset();
    return;
  }
  if (stack_.back() == r) return;
  stack_.push_back(std::move(r));
}

void RouteStack::pop() {
  if (stack_.size() > 1) stack_.pop_back();
}

void RouteStack::reset() { stack_.resize(1); }

}  // namespace bianmin::kiosk
