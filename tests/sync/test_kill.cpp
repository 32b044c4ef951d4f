// kill -9 at random moments during download and apply (issue 5): at least 200 runs of a real
// bianmin-sync process against a real hub, half of them taking a delta onto version 1 and half a
// full database onto an empty terminal. Half the kills land on a random checkpoint of the agent
// (BIANMIN_SYNC_CRASH_AT: every step between fetching and switching, including every downloaded
// piece), half after a random delay from the start. After each kill the terminal serves the old
// version or the new one, intact and signed (what `bianmin-sync verify` checks), and the next
// sync completes.
//
// BIANMIN_KILL_RUNS overrides the number of runs (default 200).
#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "bianmin/sync/agent.hpp"
#include "sync_fixture.hpp"

using namespace bianmin;
using namespace bianmin::test;

namespace {

RunResult publish_tool(const std::vector<std::string>& args) {
  std::vector<std::string> a = {tool("bianmin-publish").string()};
  a.insert(a.end(), args.begin(), args.end());
  return run(a);
}

// What `bianmin-sync verify` checks (the same library call, in process to keep 200 runs fast
// on a loaded machine): the version `content.db` names, or -1 when it is not intact; 0 when
// there is no content yet.
int verified_version(const fs::path& state, const fs::path& trust) {
  sync::AgentOptions o;
  o.state_dir = state;
  o.trust_file = trust;
  sync::Agent agent(o);
  int64_t v = agent.current().version;
  if (v == 0) return fs::exists(state / "content.db") || fs::is_symlink(state / "content.db") ? -1 : 0;
  return agent.verify_current().ok() ? static_cast<int>(v) : -1;
}

int count_checkpoints(const std::string& log) {
  int n = 0;
  for (std::size_t at = log.find("checkpoint "); at != std::string::npos; at = log.find("checkpoint ", at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("kill -9 at random points during download and apply never leaves a broken terminal") {
  TempDir work("kill");
  Keys k = make_keys(work.path());
  HubProcess hub(k.trust);
  auto publish = [&](int v) {
    make_db(work / "in.db", "2026.11-" + std::to_string(v), [v](content::ContentSet& s) {
      s.guides.at(0).name += "（第" + std::to_string(v) + "版）";
      if (v == 2) add_fund(s, "new-fund", 3000);  // a bigger delta: several pieces to kill in
    });
    auto r = publish_tool({"bundle", work / "in.db", "-o", work / "channel", "--channel", "tongxi", "--key", k.key});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    r = publish_tool(
        {"push", work / "channel", "--to", hub.url(), "--token-file", hub.token_file(), "--trust", k.trust});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  };
  auto url = hub.channel_url("tongxi");
  auto sync_args = [&](const fs::path& state, const std::string& cmd) {
    // A slow receive rate makes the download arrive in many pieces, each a checkpoint.
    auto a = Terminal{state}.args(cmd, url, k.trust);
    a.insert(a.end(), {"--rate", "1500000"});
    return a;
  };

  // Version 1 on a template terminal; then version 2 (with a delta from 1) on the hub.
  publish(1);
  fs::path on_v1 = work / "template-v1";
  REQUIRE(run(sync_args(on_v1, "once")).exit_code == 0);
  publish(2);

  // How many checkpoints and how long an uninterrupted run has, for each path.
  struct Path {
    fs::path base;  // empty = a terminal without content
    int checkpoints = 0;
    double seconds = 0;
  };
  Path paths[2] = {{on_v1}, {}};
  for (auto& p : paths) {
    fs::path state = work / "calibrate";
    fs::remove_all(state);
    if (!p.base.empty()) fs::copy(p.base, state, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    auto start = std::chrono::steady_clock::now();
    pid_t pid = spawn(sync_args(state, "once"), work / "calibrate.log", {{"BIANMIN_SYNC_TRACE", "1"}});
    REQUIRE(wait_exit(pid) == 0);
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    p.checkpoints = count_checkpoints(read_file(work / "calibrate.log"));
    fs::remove(work / "calibrate.log");
    REQUIRE(p.checkpoints >= 8);
  }
  MESSAGE("delta path: " << paths[0].checkpoints << " checkpoints, " << paths[0].seconds
                         << " s; full path: " << paths[1].checkpoints << " checkpoints, " << paths[1].seconds << " s");

  int runs = 200;
  if (const char* e = std::getenv("BIANMIN_KILL_RUNS")) runs = std::max(1, std::atoi(e));
  std::mt19937 rng(20261123);
  int killed = 0, old_kept = 0, new_taken = 0;
  for (int i = 0; i < runs; ++i) {
    const Path& p = paths[i % 2];
    fs::path state = work / "t";
    fs::remove_all(state);
    if (!p.base.empty()) fs::copy(p.base, state, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    const int before = p.base.empty() ? 0 : 1;

    pid_t pid;
    if ((i / 2) % 2 == 0) {
      int at = std::uniform_int_distribution<int>(1, p.checkpoints)(rng);
      pid = spawn(sync_args(state, "once"), {}, {{"BIANMIN_SYNC_CRASH_AT", std::to_string(at)}});
    } else {
      pid = spawn(sync_args(state, "once"));
      int ms = std::uniform_int_distribution<int>(0, static_cast<int>(p.seconds * 1000))(rng);
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      kill(pid, SIGKILL);
    }
    int code = wait_exit(pid);
    if (code == -SIGKILL) ++killed;

    int v = verified_version(state, k.trust);
    INFO("run " << i << ", exit " << code);
    REQUIRE((v == before || v == 2));
    (v == 2 ? new_taken : old_kept)++;

    // The next sync completes (resuming whatever was downloaded).
    auto r = run(sync_args(state, "once"));
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    REQUIRE(verified_version(state, k.trust) == 2);
  }
  MESSAGE(runs << " runs, " << killed << " killed by SIGKILL; afterwards " << old_kept << " on the old version, "
               << new_taken << " already on the new one; every one intact and then current");
  CHECK(killed >= runs / 2);
  CHECK(old_kept > 0);
  CHECK(new_taken > 0);
}
