// Routes: where the kiosk is. A route is a screen plus up to three string arguments, written
// as a path ("guide/62052400MZ-XK-0001", "funds/qingshi/gdlb-2026"). Navigation is a small
// stack of routes; the idle reset clears it back to home.
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
  FundVillages,  // funds; fund/PUB (b = PUB): choose a village for one publication
  FundList,      // funds/VILLAGE
  FundTable,     // funds/VILLAGE/PUB
  Policies,      // policies
  Policy,        // policy/ID
  Search,        // search[/QUERY]
  Feedback,      // feedback[/GUIDE_CODE]
  Staff,         // staff (PIN first)
  Notice,        // notice/ID
};

struct Route {
  Screen screen = Screen::Home;
  std::string a, b;  // arguments, see above
  bool operator==(const Route&) const = default;
};

std::optional<Route> parse_route(std::string_view text);
std::string to_string(const Route& r);

// The navigation stack. Never empty: home is always at the bottom.
class RouteStack {
public:
  RouteStack() { stack_.push_back(Route{}); }
  const Route& top() const { return stack_.back(); }
  void push(Route r);
  void pop();             // no-op at home
  void reset();           // back to home only
  void replace_top(Route r) { stack_.back() = std::move(r); }
  size_t depth() const { return stack_.size(); }

private:
  std::vector<Route> stack_;
};

}  // namespace bianmin::kiosk
