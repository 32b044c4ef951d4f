#include "screens/route.hpp"

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

// The path words of the guide tabs.
constexpr struct {
  GuideTab tab;
  const char* word;
} kTabWords[] = {{GuideTab::Department, "dept"},
                 {GuideTab::Topic, "topic"},
                 {GuideTab::LifeEvent, "event"},
                 {GuideTab::Catalogue, "cat"}};

std::optional<GuideTab> tab_from(std::string_view word) {
  for (const auto& t : kTabWords)
    if (word == t.word) return t.tab;
  return std::nullopt;
}

const char* tab_word(GuideTab tab) {
  for (const auto& t : kTabWords)
    if (tab == t.tab) return t.word;
  return "dept";
}

}  // namespace

std::optional<Route> parse_route(std::string_view text) {
  if (text.empty()) return Route{};
  // Search queries may contain anything but a slash; everything after "search/" is the query.
  if (text.starts_with("search")) {
    if (text == "search") return Route::search("");
    if (text.starts_with("search/")) return Route::search(std::string(text.substr(7)));
  }
  auto p = split(text);
  for (const auto& part : p)
    if (part.empty()) return std::nullopt;
  const std::string& s = p[0];
  const size_t n = p.size();
  // A plain value and a flag, not an optional: GCC 12 warns falsely (maybe-uninitialized) when
  // the optional's value is passed on through an inlined Route factory.
  GuideTab tab_value = GuideTab::Department;
  bool tab = false;
  if (n >= 2)
    if (auto t = tab_from(p[1])) tab_value = *t, tab = true;
  if (s == "home" && n == 1) return Route{};
  if (s == "guides" && n == 1) return Route::guides(GuideTab::Department);
  if (s == "guides" && n == 2 && tab) return Route::guides(tab_value);
  if (s == "guides" && n == 3 && tab) return Route::guide_list(tab_value, p[2]);
  // catalogue ids are path-like ("zwfw/bszn"): everything after guides/cat/ is the id
  if (s == "guides" && n > 3 && tab && tab_value == GuideTab::Catalogue)
    return Route::guide_list(GuideTab::Catalogue, std::string(text.substr(std::string_view("guides/cat/").size())));
  if (s == "guide" && n == 2) return Route::guide(p[1]);
  if (s == "cards" && n == 1) return Route::to(Screen::Cards);
  if (s == "card" && n == 2) return Route::card(p[1]);
  if (s == "funds" && n == 1) return Route::to(Screen::FundVillages);
  if (s == "fund" && n == 2) return Route::fund_villages(p[1]);
  if (s == "funds" && n == 2) return Route::fund_list(p[1]);
  if (s == "funds" && n == 3) return Route::fund_table(p[1], p[2]);
  if (s == "policies" && n == 1) return Route::to(Screen::Policies);
  if (s == "policy" && n == 2) return Route::policy(p[1]);
  if (s == "feedback" && n == 1) return Route::feedback("");
  if (s == "feedback" && n == 2) return Route::feedback(p[1]);
  if (s == "staff" && n == 1) return Route::to(Screen::Staff);
  if (s == "notice" && n == 2) return Route::notice(p[1]);
  return std::nullopt;
}

std::string to_string(const Route& r) {
  switch (r.screen) {
    case Screen::Home:
      return "home";
    case Screen::Guides:
      return std::string("guides/") + tab_word(r.tab);
    case Screen::GuideList:
      return std::string("guides/") + tab_word(r.tab) + "/" + r.id;
    case Screen::Guide:
      return "guide/" + r.id;
    case Screen::Cards:
      return "cards";
    case Screen::Card:
      return "card/" + r.id;
    case Screen::FundVillages:
      return r.id.empty() ? "funds" : "fund/" + r.id;
    case Screen::FundList:
      return "funds/" + r.village;
    case Screen::FundTable:
      return "funds/" + r.village + "/" + r.id;
    case Screen::Policies:
      return "policies";
    case Screen::Policy:
      return "policy/" + r.id;
    case Screen::Search:
      return r.query.empty() ? "search" : "search/" + r.query;
    case Screen::Feedback:
      return r.id.empty() ? "feedback" : "feedback/" + r.id;
    case Screen::Staff:
      return "staff";
    case Screen::Notice:
      return "notice/" + r.id;
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
