// The screens' query memo (screens/screen.hpp): what a screen took from it stays alive for the
// whole frame, and the memo stays bounded between frames. Issue 19: the memo used to free every
// item once it held more than 256, inside get(), while a screen still held the guide it had
// fetched before asking for the department and the site (a use-after-free after ~10,500 steps).
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "screens/screen.hpp"

using bianmin::kiosk::Memo;

namespace {

// A value that says when it is destroyed, so a freed item is seen without a sanitizer.
struct Probe {
  std::string text;
  std::shared_ptr<bool> alive;
  Probe(std::string t, std::shared_ptr<bool> a) : text(std::move(t)), alive(std::move(a)) { *alive = true; }
  Probe(const Probe&) = default;
  Probe(Probe&&) = default;
  ~Probe() {
    if (alive && alive.use_count() <= 2) *alive = false;  // the last copy besides the test's flag
  }
};

const Probe& fetch(Memo& memo, const std::string& key, const std::shared_ptr<bool>& flag) {
  return memo.get<Probe>(key, [&] { return Probe("value of " + key, flag); });
}

}  // namespace

TEST_CASE("an item a screen holds stays alive while the same frame fetches more items than the memo keeps") {
  Memo memo;  // capacity 256
  auto guide_alive = std::make_shared<bool>(false);
  const Probe& guide = fetch(memo, "guide/held", guide_alive);
  // A busy kiosk: the memo is already full of earlier screens' items, and this frame asks for
  // the department and the site (and, on a fund table, many pages) after the guide.
  auto others_alive = std::make_shared<bool>(false);
  for (int i = 0; i < 600; ++i) fetch(memo, "item/" + std::to_string(i), others_alive);
  CHECK(*guide_alive);
  CHECK(guide.text == "value of guide/held");
  // Asking again in the same frame returns the very same object, not a reloaded copy.
  CHECK(&fetch(memo, "guide/held", guide_alive) == &guide);
}

TEST_CASE("between frames the memo keeps at most its capacity, dropping the items used longest ago") {
  Memo memo(4);
  auto flag = std::make_shared<bool>(false);
  for (int i = 0; i < 6; ++i) fetch(memo, "old/" + std::to_string(i), flag);
  memo.end_frame();
  CHECK(memo.size() == 4);
  // Next frame: two items are used again and two new ones come in.
  fetch(memo, "old/0", flag);
  fetch(memo, "old/1", flag);
  fetch(memo, "new/a", flag);
  fetch(memo, "new/b", flag);
  CHECK(memo.size() > 4);  // nothing is freed inside a frame
  memo.end_frame();
  CHECK(memo.size() == 4);
  int loads = 0;
  for (const char* key : {"old/0", "old/1", "new/a", "new/b"})
    memo.get<Probe>(key, [&] {
      ++loads;
      return Probe("reloaded", flag);
    });
  CHECK(loads == 0);  // the frame's own items survived its end
}

TEST_CASE("a frame that needs more items than the capacity keeps them all until it ends") {
  Memo memo(8);
  auto flag = std::make_shared<bool>(false);
  std::vector<const Probe*> held;
  for (int i = 0; i < 20; ++i) held.push_back(&fetch(memo, "page/" + std::to_string(i), flag));
  for (int i = 0; i < 20; ++i) CHECK(held[static_cast<size_t>(i)]->text == "value of page/" + std::to_string(i));
  memo.end_frame();
  CHECK(memo.size() == 8);
}

TEST_CASE("a content reload empties the memo") {
  Memo memo;
  auto flag = std::make_shared<bool>(false);
  fetch(memo, "site", flag);
  memo.clear();
  CHECK(memo.size() == 0);
  CHECK_FALSE(*flag);
}
