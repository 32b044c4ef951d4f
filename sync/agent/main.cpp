// bianmin-sync: the terminal's sync agent (see agent.hpp).
//
//   bianmin-sync once|run|status|verify|rollback|upload|enroll [--config kiosk.toml]
//                [--state DIR] [--url CHANNEL_URL] [--trust KEYS.json] [--content PATH]
//                [--hub URL] [--proxy P] [--connect-timeout S]
//                [--timeout S] [--stall-timeout S] [--sync-time-limit S] [--min-free-mb N] [--rate BYTES_PER_S]
//                [--interval S] [--printer-state-file F] [--id ID --name N --token-file F]
//
// once: one sync, then heartbeat and outbox upload when enrolled. Exit 0 when the terminal is
// on the newest signed content, 1 when the sync failed (the old content stays), 2 usage.
// run: `once` forever, every --interval seconds, backing off with jitter after failures, and
// at once when the hub announces a new version over the push channel (a long-poll held for
// --push-wait seconds, default 25; 0 turns it off). When the push channel says staff ask for
// the screen, it contacts the hub at once and uploads the kiosk's answer as soon as it is there.
// --config reads kiosk.toml (bianmin_config): paths.state_dir, paths.content, sync.hub_url,
// sync.channel (the channel URL is <hub_url>/channels/<channel>), sync.proxy,
// sync.interval_minutes and sync.trusted_keys; options given after it override it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

#include "bianmin/config/kiosk_config.hpp"
#include "bianmin/content/search_rebuild.hpp"
#include "bianmin/sync/agent.hpp"
#include "bianmin/sync/crypto.hpp"
#include "bianmin/sync/screen_request.hpp"

using namespace bianmin;
namespace fs = std::filesystem;

namespace {
int usage() {
  std::fprintf(stderr,
               "usage: bianmin-sync once|run|status|verify|rollback|upload|enroll [--config kiosk.toml]\n"
               "       [--state DIR] [--url CHANNEL_URL] [--trust KEYS.json] [--content PATH] [--hub URL] [--proxy P] "
               "[--connect-timeout S] [--timeout S] [--stall-timeout S] [--sync-time-limit S]\n"
               "       [--min-free-mb N] [--rate BYTES_PER_S] [--interval S] [--push-wait S] [--printer-state-file F] "
               "[--village ID]\n"
               "       enroll: --id ID [--name NAME] --token-file ENROLL_TOKEN_FILE\n");
  return 2;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

void report_side(sync::Agent& agent) {
  if (agent.options().hub_url.empty() || !fs::exists(agent.options().state_dir / "token")) return;
  if (auto s = agent.heartbeat(); !s)
    std::fprintf(stderr, "bianmin-sync: heartbeat: %s\n", s.error().to_string().c_str());
  auto up = agent.upload_outbox();
  if (!up)
    std::fprintf(stderr, "bianmin-sync: outbox: %s\n", up.error().to_string().c_str());
  else if (*up > 0)
    std::printf("uploaded %lld events\n", static_cast<long long>(*up));
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string cmd = argv[1];
  sync::AgentOptions o;
  o.trust_file = "/etc/bianmin/trusted_keys.json";
  o.state_dir = "/var/lib/bianmin";
  std::string id, name, token_file, printer_file;
  double interval = 300;
  double push_wait = 25;  // run: seconds one long-poll to the hub lasts; 0 = no push channel
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--config") {
      auto loaded = config::load_kiosk_config(next());
      if (!loaded) {
        std::fprintf(stderr, "%s", config::format_problems(loaded.problems).c_str());
        return 1;
      }
      const auto& c = loaded.config;
      o.state_dir = c.state_dir;
      o.content_path = c.content_db();
      o.hub_url = c.hub_url;
      o.channel = c.channel;
      std::string hub = c.hub_url;
      while (!hub.empty() && hub.back() == '/') hub.pop_back();
      if (!hub.empty()) o.channel_url = hub + "/channels/" + c.channel;
      o.http.proxy = c.proxy;
      interval = c.sync_interval_minutes * 60.0;
      o.village = c.village_id;
      o.trust_file.clear();
      o.trusted_keys.clear();
      for (const auto& k : c.trusted_keys) {
        sync::TrustedKey tk;
        if (!sync::from_base64(k.public_key, tk.public_key) || tk.public_key.size() != 32) {
          std::fprintf(stderr, "bianmin-sync: sync.trusted_keys %s: not a base64 ed25519 key\n", k.id.c_str());
          return 1;
        }
        // Manifests name a key by the id derived from the key itself; the config's id is a label.
        tk.key_id = sync::key_id_for(tk.public_key);
        tk.retired = k.retired;
        o.trusted_keys.push_back(tk);
      }
    } else if (a == "--state")
      o.state_dir = next();
    else if (a == "--content")
      o.content_path = next();
    else if (a == "--url")
      o.channel_url = next();
    else if (a == "--channel")
      o.channel = next();
    else if (a == "--trust")
      o.trust_file = next();
    else if (a == "--hub")
      o.hub_url = next();
    else if (a == "--proxy")
      o.http.proxy = next();
    else if (a == "--connect-timeout")
      o.http.connect_timeout_s = std::atol(next().c_str());
    else if (a == "--timeout")
      o.http.total_timeout_s = std::atol(next().c_str());
    else if (a == "--sync-time-limit")
      o.max_sync_s = std::atol(next().c_str());
    else if (a == "--stall-timeout")
      o.http.low_speed_time_s = std::atol(next().c_str());
    else if (a == "--min-free-mb")
      o.min_free_bytes = std::atoll(next().c_str()) << 20;
    else if (a == "--rate")
      o.http.max_recv_bytes_per_s = std::atoll(next().c_str());
    else if (a == "--interval")
      interval = std::atof(next().c_str());
    else if (a == "--push-wait")
      push_wait = std::atof(next().c_str());
    else if (a == "--printer-state-file")
      printer_file = next();
    else if (a == "--village")
      o.village = next();
    else if (a == "--id")
      id = next();
    else if (a == "--name")
      name = next();
    else if (a == "--token-file")
      token_file = next();
    else {
      std::fprintf(stderr, "bianmin-sync: unknown option %s\n", a.c_str());
      return usage();
    }
  }
  while (!o.hub_url.empty() && o.hub_url.back() == '/') o.hub_url.pop_back();
  // The kiosk's printing writes one word ("ok", "paper-out", "offline", ...) to this file.
  if (printer_file.empty()) printer_file = (o.state_dir / "printer-state").string();
  o.printer_state_file = printer_file;            // read at every heartbeat: `run` keeps going for days
  o.interval_s = static_cast<int64_t>(interval);  // the hub alerts after 3 intervals of silence
  o.rebuild_index = [](sqlite3* db) { return content::rebuild_search_index(db); };
  sync::Agent agent(o);

  if (cmd == "status") {
    auto c = agent.current();
    std::printf("version: %lld\nlabel: %s\npublished: %s\nprevious: %lld\n", static_cast<long long>(c.version),
                c.version_label.c_str(), c.created_at.c_str(), static_cast<long long>(c.previous_version));
    if (c.version > 0)
      std::printf("expires: %s\nfreshness: %s\n", c.expires_at.empty() ? "never" : c.expires_at.c_str(),
                  c.unconfirmed ? "unconfirmed (the signed manifest expired: content may not be current)" : "ok");
    return 0;
  }
  if (cmd == "verify") {
    auto s = agent.verify_current();
    if (!s) {
      std::fprintf(stderr, "bianmin-sync: current content is NOT intact: %s\n", s.error().to_string().c_str());
      return 1;
    }
    std::printf("current version %lld intact\n", static_cast<long long>(agent.current().version));
    return 0;
  }
  if (cmd == "rollback") {
    auto s = agent.rollback();
    if (!s) {
      std::fprintf(stderr, "bianmin-sync: %s\n", s.error().to_string().c_str());
      return 1;
    }
    std::printf("rolled back to version %lld\n", static_cast<long long>(agent.current().version));
    return 0;
  }
  if (cmd == "enroll") {
    auto t = sync::read_whole_file(token_file);
    if (id.empty() || !t) return usage();
    auto s = agent.enroll(id, name, trimmed(*t));
    if (!s) {
      std::fprintf(stderr, "bianmin-sync: %s\n", s.error().to_string().c_str());
      return 1;
    }
    std::printf("enrolled as %s\n", id.c_str());
    return 0;
  }
  if (cmd == "upload") {
    report_side(agent);
    return 0;
  }
  if (o.channel_url.empty()) return usage();
  if (cmd == "once") {
    auto r = agent.sync_once();
    std::printf("%s\n", r.message.c_str());
    report_side(agent);
    return r.outcome == sync::SyncOutcome::Failed ? 1 : 0;
  }
  if (cmd == "run") {
    // Between timed syncs the agent holds a long-poll to the hub (push channel): a new version
    // is fetched as soon as the hub announces it. A hub that is down or too old for it costs
    // nothing but a retry every few seconds to a minute (jittered), the timer going on as before.
    using Clock = std::chrono::steady_clock;
    const bool push = push_wait > 0 && !o.hub_url.empty();
    int failures = 0, push_failures = 0;
    int64_t announced = 0;  // the newest version the hub announced (tried once, even if refused)
    int64_t asked = 0;      // the newest screenshot request the hub told of
    // While the kiosk makes a screenshot asked for over the push channel: until when its answer
    // is looked for (then the next contact takes it); the long-poll is held a second at a time.
    bool screen_asked = false;
    Clock::time_point screen_until;
    auto next_sync = Clock::now();
    for (;;) {
      if (Clock::now() >= next_sync) {
        auto r = agent.sync_once();
        std::printf("%s\n", r.message.c_str());
        std::fflush(stdout);
        report_side(agent);
        failures = r.outcome == sync::SyncOutcome::Failed ? failures + 1 : 0;
        double wait = failures ? sync::backoff_seconds(failures, 30, 3600) : interval;
        next_sync = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(wait));
      }
      if (screen_asked) {
        if (fs::exists(o.state_dir / sync::kScreenAnswerFile)) {
          report_side(agent);  // uploads the kiosk's answer first
          std::printf("sent the kiosk's answer to the screenshot request %lld\n", static_cast<long long>(asked));
          std::fflush(stdout);
          screen_asked = false;
        } else if (Clock::now() >= screen_until) {
          screen_asked = false;
        }
      }
      const double left = std::chrono::duration<double>(next_sync - Clock::now()).count();
      if (left <= 0) continue;
      if (!push) {
        std::this_thread::sleep_for(std::chrono::duration<double>(left));
        continue;
      }
      const int64_t known = std::max(agent.current().version, announced);
      const double hold = screen_asked ? 1.0 : std::clamp(left, 1.0, push_wait);
      auto v = agent.wait_for_news(known, asked, static_cast<int>(hold));
      if (v) {
        if (push_failures > 0) std::fprintf(stderr, "bianmin-sync: push channel to the hub open again\n");
        push_failures = 0;
        if (v->version > known) {
          std::printf("the hub announces version %lld\n", static_cast<long long>(v->version));
          announced = v->version;
          next_sync = Clock::now();
        }
        if (v->screenshot > asked) {
          // The heartbeat's answer names the request; the agent leaves it for the kiosk.
          asked = v->screenshot;
          std::printf("the hub asks for the screen (request %lld)\n", static_cast<long long>(asked));
          report_side(agent);
          screen_asked = true;
          screen_until = Clock::now() + std::chrono::seconds(30);
        }
        std::fflush(stdout);
        continue;
      }
      if (++push_failures == 1 || push_failures % 30 == 0)
        std::fprintf(stderr, "bianmin-sync: push channel: %s (retrying; timed syncs go on)\n",
                     v.error().to_string().c_str());
      std::this_thread::sleep_for(
          std::chrono::duration<double>(std::min(sync::backoff_seconds(push_failures, 1, 60), left)));
    }
  }
  return usage();
}
