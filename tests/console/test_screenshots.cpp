// Issue 18: a terminal's current screen on request, the hub's and the agent's side. Staff ask
// (the store marks the request), the terminal hears of it in its heartbeat answer, the agent
// leaves the request for the kiosk and uploads the kiosk's answer with its next contact. The
// kiosk's rule is in tests/kiosk/test_remote_screenshot.cpp; the store's side on both engines in
// test_hub_store.cpp; the whole path with a real browser, a real kiosk and a real bianmin-sync in
// test_console_browser.py.
#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "bianmin/sync/agent.hpp"
#include "bianmin/sync/screen_request.hpp"
#include "hub_service.hpp"
#include "hub_store.hpp"
#include "support/test_support.hpp"

using namespace bianmin;
using namespace bianmin::hub;
using json = nlohmann::json;

namespace {
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string("pixels\0here", 11);
}

TEST_CASE("the request files between agent and kiosk are read back as written, and torn ones are not") {
  sync::ScreenRequest r{7, true};
  CHECK(sync::parse_screen_request(sync::screen_request_json(r)) == r);
  sync::ScreenAnswer a{7, "refused", sync::kRefusedNames, 1764580000};
  CHECK(sync::parse_screen_answer(sync::screen_answer_json(a)) == a);
  CHECK_FALSE(sync::parse_screen_request("{\"id\": 7"));
  CHECK_FALSE(sync::parse_screen_request("{\"id\": 0, \"allow_names\": false}"));
  CHECK_FALSE(sync::parse_screen_answer("{\"id\":7,\"outcome\":\"maybe\",\"message\":\"\",\"taken_at\":1}"));
}

namespace {
// A real hub service on loopback (the handlers bianmin-hub serves), with one enrolled terminal
// whose screen staff asked for (and a second one, asked nothing, when `second`).
struct LiveHub {
  test::TempDir dir{"shothub"};
  std::string token, token2;
  int64_t request = 0;
  std::unique_ptr<Hub> hub;
  std::unique_ptr<GuardedServer> srv;
  std::thread thread;
  int port = 0;
  explicit LiveHub(bool allow_names, bool second = false) {
    auto s = HubStore::open(dir.path() / "hub.db");
    REQUIRE(s.ok());
    auto t = (*s)->enroll("cun-01", "青石村代办点");
    REQUIRE(t.ok());
    token = *t;
    if (second) {
      auto t2 = (*s)->enroll("cun-02", "上坝村代办点");
      REQUIRE(t2.ok());
      token2 = *t2;
    }
    auto r = (*s)->request_screenshot("cun-01", "wangli", 100);
    REQUIRE(r.ok());
    request = *r;
    Options o;
    o.data = dir.path();
    o.screenshot_fund_names = allow_names;
    hub = std::make_unique<Hub>(o, std::move(*s));
    srv = make_server(*hub, o);
    port = srv->bind_to_any_port("127.0.0.1");
    REQUIRE(port > 0);
    thread = std::thread([this] { srv->listen_after_bind(); });
    while (!srv->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~LiveHub() {
    srv->stop();
    thread.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};
}  // namespace

TEST_CASE(
    "the heartbeat answer asks for the screen, the hall's choice on names included, and only the PNG answers it") {
  for (bool allow : {false, true}) {
    LiveHub live(allow);
    httplib::Client c("127.0.0.1", live.port);
    httplib::Headers auth{{"Authorization", "Bearer " + live.token}};
    auto hb = c.Post("/api/heartbeat", auth, "{\"channel\":\"town\"}", "application/json");
    REQUIRE(hb);
    REQUIRE(hb->status == 200);
    json j = json::parse(hb->body);
    REQUIRE(j.contains("screenshot"));
    CHECK(j["screenshot"]["id"] == live.request);
    CHECK(j["screenshot"]["allow_names"] == allow);

    const std::string path = "/api/screenshot?outcome=ok&taken_at=150&id=";
    auto no_token = c.Post((path + std::to_string(live.request)).c_str(), kPng, "image/png");
    REQUIRE(no_token);
    CHECK(no_token->status == 401);
    auto not_png = c.Post((path + std::to_string(live.request)).c_str(), auth, "GIF89a", "image/png");
    REQUIRE(not_png);
    CHECK(not_png->status == 400);
    auto wrong = c.Post((path + std::to_string(live.request + 1)).c_str(), auth, kPng, "image/png");
    REQUIRE(wrong);
    CHECK(wrong->status == 409);
    auto ok = c.Post((path + std::to_string(live.request)).c_str(), auth, kPng, "image/png");
    REQUIRE(ok);
    CHECK(ok->status == 200);

    hb = c.Post("/api/heartbeat", auth, "{\"channel\":\"town\"}", "application/json");
    REQUIRE(hb);
    CHECK_FALSE(json::parse(hb->body).contains("screenshot"));
    json fleet = live.hub->fleet_json();
    REQUIRE(fleet.size() == 1);
    CHECK(fleet[0]["screenshot"]["image_at"] == 150);
    CHECK(fleet[0]["screenshot"]["pending"] == false);
  }
}

TEST_CASE("the agent leaves the request for the kiosk and uploads the kiosk's answer with its next contact") {
  LiveHub live(false);
  test::TempDir state("shotagent");
  test::write_file(state.path() / "token", live.token + "\n");
  sync::AgentOptions o;
  o.state_dir = state.path();
  o.hub_url = live.url();
  o.channel = "town";
  sync::Agent agent(o);
  REQUIRE(agent.heartbeat().ok());
  auto req = sync::read_screen_request(state.path());
  REQUIRE(req);
  CHECK(req->id == live.request);
  CHECK_FALSE(req->allow_names);

  // The kiosk refuses (a fund table is on screen): the next contact says so and clears the files.
  REQUIRE(sync::write_whole_file(state.path() / sync::kScreenAnswerFile,
                                 sync::screen_answer_json({req->id, "refused", sync::kRefusedNames, 160})));
  std::filesystem::remove(state.path() / sync::kScreenRequestFile);
  REQUIRE(agent.heartbeat().ok());
  CHECK_FALSE(std::filesystem::exists(state.path() / sync::kScreenAnswerFile));
  json fleet = live.hub->fleet_json();
  CHECK(fleet[0]["screenshot"]["outcome"] == "refused");
  CHECK(fleet[0]["screenshot"]["refused_names"] == true);
  CHECK(fleet[0]["screenshot"]["image_at"] == 0);
  CHECK_FALSE(sync::read_screen_request(state.path()));  // answered: nothing asked again
}

namespace {
sync::AgentOptions agent_options(const LiveHub& live, const std::filesystem::path& state, const std::string& token) {
  if (!token.empty()) test::write_file(state / "token", token + "\n");
  sync::AgentOptions o;
  o.state_dir = state;
  o.hub_url = live.url();
  o.channel = "town";
  return o;
}
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

TEST_CASE("staff asking for a screen wake that terminal's agent on the push channel at once, and no other") {
  LiveHub live(false, true);
  test::TempDir a_dir("shotpush-a"), b_dir("shotpush-b"), c_dir("shotpush-c");
  sync::Agent a(agent_options(live, a_dir.path(), live.token)), b(agent_options(live, b_dir.path(), live.token2));
  // Asked before it waits: told at once. The channel has no version yet: an enrolled terminal
  // waits on it all the same (staff may want its screen before the first publication).
  auto first = a.wait_for_news(0, 0, 20);
  REQUIRE_MESSAGE(first.ok(), first.error().to_string());
  CHECK(first->screenshot == live.request);
  CHECK(first->version == 0);

  // Both wait, cun-01 knowing of that request; staff ask for cun-01's screen again.
  std::optional<Result<sync::PushNews>> got_a, got_b;
  double a_s = 0, b_s = 0;
  const auto t0 = std::chrono::steady_clock::now();
  std::thread ta([&] {
    got_a = a.wait_for_news(0, live.request, 20);
    a_s = seconds_since(t0);
  });
  std::thread tb([&] {
    got_b = b.wait_for_news(0, 0, 2);
    b_s = seconds_since(t0);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto again = live.hub->request_screenshot("cun-01", "wangli", 200);
  REQUIRE(again.ok());
  ta.join();
  tb.join();
  REQUIRE(got_a);
  REQUIRE_MESSAGE(got_a->ok(), got_a->error().to_string());
  CHECK((*got_a)->screenshot == *again);
  CHECK(a_s < 5);  // not the 20 s wait: at once
  REQUIRE(got_b);
  REQUIRE(got_b->ok());
  CHECK((*got_b)->screenshot == 0);
  CHECK(b_s > 1.5);  // cun-02 slept its 2 s through

  // Answered: an agent that restarted since (knowing of no request) is not woken for it.
  httplib::Client c("127.0.0.1", live.port);
  httplib::Headers auth{{"Authorization", "Bearer " + live.token}};
  auto up =
      c.Post(("/api/screenshot?outcome=ok&taken_at=210&id=" + std::to_string(*again)).c_str(), auth, kPng, "image/png");
  REQUIRE(up);
  CHECK(up->status == 200);
  auto after = a.wait_for_news(0, 0, 1);
  REQUIRE(after.ok());
  CHECK(after->screenshot == 0);

  // Without a token: versions only, as before (no channel without a version: 404).
  sync::Agent anonymous(agent_options(live, c_dir.path(), ""));
  CHECK_FALSE(anonymous.wait_for_news(0, 0, 1).ok());
}
