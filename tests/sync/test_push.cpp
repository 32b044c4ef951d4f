// Issue 18, the push channel: a real bianmin-sync (`run`) holds a long-poll to a real
// bianmin-hub; a publication reaches it at once, and an urgent notice (紧急) in it is on a real
// headless kiosk's screen within 10 seconds. After a hub restart the agent reconnects.
#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "content/fixture_content.hpp"
#include "sync_fixture.hpp"

using namespace bianmin;
using namespace bianmin::test;
using Clock = std::chrono::steady_clock;

namespace {
void build_version(const fs::path& work, const Keys& k, int v, bool urgent) {
  make_db(work / "in.db", "2026.11-" + std::to_string(v), [&](content::ContentSet& s) {
    s.guides.at(0).name += std::string(static_cast<size_t>(v), '+');
    if (!urgent) return;
    content::Notice n;
    n.id = "tingshui";
    n.title = "今天下午镇区停水";
    n.body = "因主管道抢修，今天13:00至18:00镇区停水，请提前储水。";
    n.start_date = kFixtureToday;
    n.end_date = kFixtureToday;
    n.urgent = true;
    n.urgent_until = std::string(kFixtureToday) + " 18:00";
    s.notices.push_back(n);
  });
  auto r = run(
      {tool("bianmin-publish"), "bundle", work / "in.db", "-o", work / "channel", "--channel", "town", "--key", k.key});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
}

void push(const fs::path& work, const Keys& k, const HubProcess& hub) {
  auto r = run({tool("bianmin-publish"), "push", work / "channel", "--to", hub.url(), "--token-file", hub.token_file(),
                "--trust", k.trust});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
}

// The version the terminal's content link names (0 = none yet).
int64_t terminal_version(const Terminal& t) {
  std::error_code ec;
  auto target = fs::read_symlink(t.state / "content.db", ec);
  if (ec) return 0;
  return std::atoll(target.stem().c_str());
}

bool wait_until(const std::function<bool()>& ok, double seconds) {
  const auto until = Clock::now() + std::chrono::duration<double>(seconds);
  while (Clock::now() < until) {
    if (ok()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return ok();
}

pid_t start_agent(const Terminal& t, const Keys& k, const HubProcess& hub, const fs::path& log) {
  auto a = t.args("run", hub.channel_url("town"), k.trust, hub.url());
  // The timer would take an hour: only the push channel can bring a new version in time.
  a.insert(a.end(), {"--interval", "3600", "--push-wait", "20"});
  return spawn(a, log);
}

struct Stop {
  pid_t pid;
  ~Stop() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      wait_exit(pid);
    }
  }
};
}  // namespace

TEST_CASE("an urgent notice pushed to the hub is on a real kiosk within 10 s (agent long-poll, no timer)") {
  TempDir work("push-urgent");
  Keys k = make_keys(work.path());
  HubProcess hub(k.trust);
  build_version(work.path(), k, 1, false);
  push(work.path(), k, hub);
  Terminal t{work / "terminal"};
  Stop agent{start_agent(t, k, hub, work / "agent.log")};
  REQUIRE_MESSAGE(wait_until([&] { return terminal_version(t) == 1; }, 20), read_file(work / "agent.log"));

  // The kiosk on the terminal's content, waiting (real time) for the notice to cover its screen.
  write_file(work / "steps.txt",
             "expect \"欢迎使用\"\n"
             "expect-not \"紧急通知\"\n"
             "wait-for \"紧急通知\" 30000\n"
             "expect \"今天下午镇区停水\"\n"
             "shot " +
                 (work / "urgent.png").string() + "\n");
  const fs::path kiosk_log = work / "kiosk.log";
  pid_t kiosk = spawn({(binary_dir() / "kiosk" / "bianmin-kiosk").string(), "--headless", "--content",
                       (t.state / "content.db").string(), "--today", kFixtureToday, "--time", "10:30", "--state-dir",
                       (work / "kiosk-state").string(), "--script", (work / "steps.txt").string()},
                      kiosk_log);
  Stop kiosk_guard{kiosk};
  // Published once the kiosk is up and showing version 1.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  build_version(work.path(), k, 2, true);
  const auto t0 = Clock::now();
  push(work.path(), k, hub);
  const double push_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const bool shown =
      wait_until([&] { return read_file(kiosk_log).find("urgent notice shown: tingshui") != std::string::npos; }, 20);
  const double latency = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("urgent notice: push %.2f s; from the push's start to the kiosk's screen %.2f s\n", push_s, latency);
  INFO(read_file(work / "agent.log"));
  INFO(read_file(kiosk_log));
  REQUIRE(shown);
  CHECK(latency < 10.0);
  CHECK(read_file(work / "agent.log").find("the hub announces version 2") != std::string::npos);
  kiosk_guard.pid = -1;
  CHECK(wait_exit(kiosk) == 0);  // the script saw it and took its picture
  CHECK(fs::file_size(work / "urgent.png") > 0);
}

TEST_CASE("after a hub restart the agent reconnects its long-poll and the next push reaches it at once") {
  TempDir work("push-restart");
  Keys k = make_keys(work.path());
  HubProcess hub(k.trust);
  build_version(work.path(), k, 1, false);
  push(work.path(), k, hub);
  Terminal t{work / "terminal"};
  Stop agent{start_agent(t, k, hub, work / "agent.log")};
  REQUIRE_MESSAGE(wait_until([&] { return terminal_version(t) == 1; }, 20), read_file(work / "agent.log"));
  const int port = hub.port();
  hub.stop();
  // The agent notices (its long-poll breaks) and retries every few seconds meanwhile.
  REQUIRE(wait_until([&] { return read_file(work / "agent.log").find("push channel:") != std::string::npos; }, 10));
  hub.restart({"--listen", "127.0.0.1:" + std::to_string(port)});
  REQUIRE(hub.port() == port);
  // Its retries are 1 s doubling (jittered): within a few seconds it waits on the new hub.
  std::this_thread::sleep_for(std::chrono::seconds(5));
  build_version(work.path(), k, 2, false);
  const auto t0 = Clock::now();
  push(work.path(), k, hub);
  REQUIRE_MESSAGE(wait_until([&] { return terminal_version(t) == 2; }, 10), read_file(work / "agent.log"));
  CHECK(wait_until([&] { return read_file(work / "agent.log").find("open again") != std::string::npos; }, 5));
  std::printf("after a hub restart: push to the terminal current in %.2f s\n",
              std::chrono::duration<double>(Clock::now() - t0).count());
}
