// Routes: where the kiosk is. A route is a screen and the fields that screen needs, by name.
// Navigation is a small stack of routes; the idle reset clears it back to home.
//
// --route and --script steps write routes as paths ("guide/62052400MZ-XK-0001",
// "funds/qingshi/gdlb-2026"); parse_route() reads that syntax into a Route and to_string()
// writes it back. Nothing inside the kiosk passes routes around as text.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bianmin::kiosk {

enum class Screen {
  Home,          // home
  Guides,        // guides[/TAB]           TAB: dept | topic | event | cat
  GuideList,     // guides/TAB/ID          the guides of one department/topic/event/catalogue node
  Guide,         // guide/CODE
  Cards,         // cards
  Card,          // card/ID
  FundVillages,  // funds; fund/PUB: choose a village for one publication
  FundList,      // funds/VILLAGE
  FundTable,     // funds/VILLAGE/PUB
  Policies,      // policies
  Policy,        // policy/ID
  Search,        // search[/QUERY]
  Feedback,      // feedback[/GUIDE_CODE]
  Staff,         // staff (PIN first)
  Notice,        // notice/ID
};

// The four ways to browse service guides (the tabs of 办事指南).
enum class GuideTab {
  Department,  // 按部门      (path word "dept")
  Topic,       // 按主题      ("topic")
  LifeEvent,   // 一件事      ("event")
  Catalogue,   // 公开目录    ("cat")
};

struct Route {
  Screen screen = Screen::Home;
  GuideTab tab = GuideTab::Department;  // Guides, GuideList
  // GuideList: the department/topic/life event/catalogue node; Guide and Feedback: the guide's
  // code (Feedback: "" = about the hall in general); Card, Policy, Notice: the item's id;
  // FundTable, and FundVillages when choosing a village for one publication: the
  // publication's id.
  std::string id;
  std::string village;  // FundList, FundTable: the village's id
  std::string query;    // Search: the query typed so far ("" = none)
  bool operator==(const Route&) const = default;

  static Route to(Screen s) { return Route{s, GuideTab::Department, {}, {}, {}}; }
  static Route guides(GuideTab t) { return Route{Screen::Guides, t, {}, {}, {}}; }
  static Route guide_list(GuideTab t, std::string id) { return Route{Screen::GuideList, t, std::move(id), {}, {}}; }
  static Route guide(std::string code) { return Route{Screen::Guide, GuideTab::Department, std::move(code), {}, {}}; }
  static Route card(std::string id) { return Route{Screen::Card, GuideTab::Department, std::move(id), {}, {}}; }
  static Route fund_villages(std::string pub) {
    return Route{Screen::FundVillages, GuideTab::Department, std::move(pub), {}, {}};
  }
  static Route fund_list(std::string village) {
    return Route{Screen::FundList, GuideTab::Department, {}, std::move(village), {}};
  }
  static Route fund_table(std::string village, std::string pub) {
    return Route{Screen::FundTable, GuideTab::Department, std::move(pub), std::move(village), {}};
  }
  static Route policy(std::string id) { return Route{Screen::Policy, GuideTab::Department, std::move(id), {}, {}}; }
  static Route search(std::string query) {
    return Route{Screen::Search, GuideTab::Department, {}, {}, std::move(query)};
  }
  static Route feedback(std::string guide_code) {
    return Route{Screen::Feedback, GuideTab::Department, std::move(guide_code), {}, {}};
  }
  static Route notice(std::string id) { return Route{Screen::Notice, GuideTab::Department, std::move(id), {}, {}}; }
};

// The path syntax of --route and scripts (see the Screen list above).
std::optional<Route> parse_route(std::string_view text);
std::string to_string(const Route& r);

// The navigation stack. Never empty: home is always at the bottom.
class RouteStack {
 public:
  RouteStack() { stack_.push_back(Route{}); }
  const Route& top() const { return stack_.back(); }
  void push(Route r);
  void pop();    // no-op at home
  void reset();  // back to home only
  void replace_top(Route r) { stack_.back() = std::move(r); }
  size_t depth() const { return stack_.size(); }

 private:
  std::vector<Route> stack_;
};

}  // namespace bianmin::kiosk
