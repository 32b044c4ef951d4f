// What every screen gets and gives. A screen is a function of (state, content) that draws
// into the content area with the touch widgets and returns intents (navigate, print, rate…);
// it never changes the app itself and never touches SQL, the network or the printer.
#pragma once
#include <any>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "screens/route.hpp"
#include "bianmin/content/store.hpp"
#include "widgets/text_input.hpp"
#include "widgets/ui.hpp"

namespace bianmin::kiosk {

// What a screen asks the app to do: one type per request, with its own fields.
namespace intent {
struct Navigate {
  Route to;
};                      // push `to`
struct Back {};         // pop
struct Home {};         // back to home
struct ToggleElder {};  // 长辈模式 on/off
enum class PrintKind { Guide, Card, Fund, Test };
struct Print {  // print a slip
  PrintKind kind = PrintKind::Test;
  std::string id;       // guide code, card id or fund publication id
  std::string village;  // Fund: the village's extract
  std::string group;    // Fund: one village group ("" = the whole village)
};
struct Rate {              // 评价建议 sent
  std::string guide_code;  // "" = about the hall in general
  int level = 0;           // 1..5
  std::string reasons;     // the preset reasons chosen, joined
};
struct Search {       // a search was made (for statistics)
  std::string query;  // "" when it could hold an ID number
  int hits = 0;
};
struct StaffPin {
  std::string pin;
};  // the PIN typed
struct StaffExit {};
struct ReloadContent {};
struct ContinueUse {};   // dismiss the idle countdown
struct PrintConfirm {};  // 确定打印: the long slip may print
struct PrintCancel {};   // 取消打印 / 不打印
struct ReadAloud {       // 朗读: read `text` aloud as `item`, or stop when
  std::string item;      // `item` is being read ("guide/CODE", "card/ID" …)
  std::string text;
};
struct Suggest {           // 评价建议: the words written (sent beside a Rate)
  std::string guide_code;  // "" = about the hall in general
  std::string text;
};
}  // namespace intent

using Intent =
    std::variant<intent::Navigate, intent::Back, intent::Home, intent::ToggleElder, intent::Print, intent::Rate,
                 intent::Search, intent::StaffPin, intent::StaffExit, intent::ReloadContent, intent::ContinueUse,
                 intent::PrintConfirm, intent::PrintCancel, intent::ReadAloud, intent::Suggest>;

// What one person did at the kiosk; forgotten on the idle reset.
struct PersonState {
  std::map<std::string, std::vector<bool>> ticks;  // guide code -> materials ticked
  std::set<std::string> expanded;                  // expanded sections ("guide/CODE/basis")
  std::string search_text;
  TextInputState search_input;                    // the search box's pad/keyboard state
  std::map<std::string, std::string> fund_group;  // fund id -> group filter ("" = all)
  int rating = 0;                                 // 评价建议: chosen level 1..5
  std::set<int> reasons;                          // chosen preset reasons
  std::string suggestion;                         // 评价建议: the words written (may be empty)
  TextInputState suggestion_input;                // its pad/keyboard state
  bool writing_suggestion = false;                // the suggestion page is open
  bool feedback_sent = false;
  std::string pin;                         // staff PIN being typed
  std::optional<GuideTab> guides_tab;      // browse tab chosen (else the route's)
  std::set<std::string> urgent_dismissed;  // urgent notices (紧急) this person tapped 知道了 on
};

// Facts the app knows that screens show.
struct AppFacts {
  std::string today;        // YYYY-MM-DD
  std::string clock;        // HH:MM
  std::string weekday;      // 星期一 …
  bool offline = false;     // not synced for longer than configured
  std::string last_sync;    // human-readable
  std::string sync_detail;  // staff: what the agent's last run did ("" = no status yet)
  std::string terminal_id;
  std::string village;  // a village terminal's own village id ("" = hall terminal)
  std::string content_path;
  std::string printer;                  // printer queue ("" = none)
  bool printer_configured = false;      // a queue is set: 打印 buttons show
  std::string print_status;             // 正在打印… / 打印完成 / a plain failure message
  std::string print_qr_url;             // with a failed print of an item that can be handled online
  bool print_cancellable = false;       // a job is on its way: the toast offers 取消打印
  bool print_awaiting_confirm = false;  // a long slip waits for 确定打印 / 不打印
  bool elder = false;                   // 长辈模式 is on
  std::string diagnostics;              // staff: free-form lines
  bool staff_unlocked = false;
  bool staff_configured = false;
  bool staff_locked = false;  // too many wrong PINs: the pad is locked for a while
  std::string staff_message;  // e.g. 密码错误
  std::string config_error;   // non-empty: the config is broken (shown instead of screens)
  size_t atlas_w = 0, atlas_h = 0, glyphs = 0;
  bool can_read_aloud = false;  // a sound device and speech: 朗读 buttons show
  std::string reading;          // the item being read aloud ("" = silent)
};

// Results of content queries kept between frames (cleared when content reloads), so that a
// screen can ask for its data every frame without touching SQLite every frame.
//
// Promise: a reference returned by get() stays valid until the app's next end_frame() or
// clear(), however many other items are fetched in between, so a screen may hold the guide
// while it fetches the guide's department and the site. Nothing is freed inside get(): the
// size is bounded by end_frame(), which the app calls between frames only; it drops the items
// used longest ago until at most `capacity` remain (those of the frame just drawn stay when
// they fit). clear() is likewise only called between frames (a content reload).
class Memo {
 public:
  explicit Memo(size_t capacity = 256) : capacity_(capacity) {}

  template <typename T, typename F>
  const T& get(const std::string& key, F&& load) {
    auto it = items_.find(key);
    if (it == items_.end()) it = items_.emplace(key, Item{std::any(T(load())), frame_}).first;
    it->second.used = frame_;
    // One key always holds one type (keys are prefixed by what they hold).
    return *std::any_cast<T>(&it->second.value);
  }
  // Between frames: evict down to the capacity, least recently used first.
  void end_frame();
  void clear() { items_.clear(); }
  size_t size() const { return items_.size(); }
  size_t capacity() const { return capacity_; }

 private:
  struct Item {
    std::any value;
    uint64_t used = 0;  // the frame that last asked for it
  };
  // A node-based map: inserting never moves the items that references point to.
  std::map<std::string, Item> items_;
  uint64_t frame_ = 0;
  size_t capacity_;
};

struct ScreenContext {
  Ui& ui;
  const content::Store& store;
  PersonState& person;
  const AppFacts& facts;
  Memo& memo;
  const Route& route;
  std::vector<Intent>& intents;
  ImVec2 area_min, area_max;      // the content area (between the title bar and the nav bar)
  std::string title;              // set by the screen: shown in the title bar
  InputEngines* input = nullptr;  // handwriting and pinyin for text entry (null: keys only)
  // Set by the screen, for this frame: slim chrome (where the bottom bar has two rows: the
  // pinyin keyboard in elder mode on an 8-inch portrait screen needs the height). The title bar
  // shows only the hall's phone, on one line (the screen's own box says what it is for); the
  // bottom bar keeps 返回 · 首页 on one row, the elder toggle left out. The screen's area is
  // then [m.top_bar_slim, m.height - m.nav_bar_slim].
  bool slim_chrome = false;

  void go(Route r) { intents.push_back(intent::Navigate{std::move(r)}); }
  void emit(Intent i) { intents.push_back(std::move(i)); }
  float area_w() const { return area_max.x - area_min.x; }
  float area_h() const { return area_max.y - area_min.y; }
};

// The page's drag-scroll area filling the content area, with the outer margins applied;
// `height` 0 = to the bottom of the content area.
void begin_page(ScreenContext& ctx, const char* id, float height = 0);
void end_page(ScreenContext& ctx);

// A list of rows (cards, guides, policies, fund publications, villages) in two columns on a
// wide screen: landscape, and each column at least 150 mm and 16 body characters wide (a
// title reads on one line and the eye's jump between columns stays short; the 43" hall
// screen has two, a 15.6" one in normal mode two, a tablet and any portrait screen one).
// Reading order: left, right, then the next pair below. Call next() before each row and
// end() (or let it go out of scope) after the last one.
class ListColumns {
 public:
  explicit ListColumns(ScreenContext& ctx);
  // Two columns whenever each is at least `min_col` pixels wide (any orientation).
  ListColumns(ScreenContext& ctx, float min_col);
  ~ListColumns() { end(); }
  ListColumns(const ListColumns&) = delete;
  ListColumns& operator=(const ListColumns&) = delete;
  void next();
  void end();
  bool two() const { return two_; }

 private:
  bool two_ = false, ended_ = false;
  int n_ = 0;
  float left_ = 0, col_w_ = 0, gap_ = 0, top_ = 0, bottom_ = 0;
  float work_max_x_ = 0, content_max_x_ = 0;
};
// Whether ListColumns makes two columns in a content region `avail` pixels wide.
bool list_two_columns(const Ui& ui, float avail);

// The page for an item that is gone (a content update removed it while a person had it open,
// or a stale route): the screen's title and a plain sentence saying so.
void draw_missing(ScreenContext& ctx, const char* title, const char* message);

// A fund publication's state on `today`: 公示中 inside its publicity period, 即将公示 before
// it, 公示已结束 after it.
Badge fund_status_badge(const Ui& ui, const std::string& start, const std::string& end, const std::string& today);

// The 朗读 button of a guide, card, policy or notice: 朗读, or 停止朗读 while `item` is being
// read. In elder mode it is a large primary button across the page; otherwise a plain
// full-width one. Nothing when the terminal cannot speak. `script` is called only on a tap
// (it builds the text to read, speech/scripts.hpp). Fund screens never call it.
void read_aloud_button(ScreenContext& ctx, const std::string& item, const std::function<std::string()>& script);

// Money as "1,234.56" (fen in, yuan out), and a plain quantity.
std::string format_yuan(int64_t fen);
std::string format_quantity(double q);
// The heading over a card's `cost`: 要花多少钱, or 能领多少（补助标准） on a benefit card.
std::string card_money_label(content::CardMoney money);
// A card's title without a trailing 明白卡 (办身份证明白卡 misreads as 身份证明); screens show
// 明白卡 as a label beside it instead.
std::string card_title(const std::string& title);
// A date as villagers write it: "2026-12-01" (or a timestamp starting so) → "2026年12月1日";
// anything else unchanged.
std::string plain_date(const std::string& iso);
// A period as villagers write it: "2026年11月16日至11月24日" (the year once when both dates are
// in it), "2026年12月20日至2027年1月5日" otherwise.
std::string plain_date_range(const std::string& start, const std::string& end);
// The content's badges for a guide's visits / online handling.
std::vector<Badge> guide_badges(const Ui& ui, int visits, bool fully_online, bool has_url);

}  // namespace bianmin::kiosk
