// Publish → hub → terminal, end to end, with the real tools as processes on 127.0.0.1.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "bianmin/sync/crypto.hpp"
#include "bianmin/sync/http.hpp"
#include "bianmin/sync/manifest.hpp"
#include "bianmin/sync/outbox.hpp"
#include "bianmin/sync/sync_status.hpp"
#include "bianmin/sync/wire.hpp"
#include "sync_fixture.hpp"

using namespace bianmin;
using namespace bianmin::test;
using json = nlohmann::json;

namespace {
RunResult publish(const std::vector<std::string>& args) {
  std::vector<std::string> a = {tool("bianmin-publish").string()};
  a.insert(a.end(), args.begin(), args.end());
  return run(a);
}

void publish_version(const fs::path& work, const Keys& k, const HubProcess& hub, int v,
                     const std::function<void(content::ContentSet&)>& edit = {}) {
  make_db(work / "in.db", "2026.11-" + std::to_string(v), edit);
  auto r = publish({"bundle", work / "in.db", "-o", work / "channel", "--channel", "tongxi", "--key", k.key});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  r = publish({"push", work / "channel", "--to", hub.url(), "--token-file", hub.token_file(), "--trust", k.trust});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
}

json fleet(const HubProcess& hub) {
  auto r = run({tool("bianmin-hub"), "terminals", "--data", hub.data(), "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  return json::parse(r.output);
}
}  // namespace

TEST_CASE("publish, push, sync full then by delta, report, roll back, refuse the replay") {
  TempDir work("e2e");
  Keys k = make_keys(work.path());
  HubProcess hub(k.trust);
  Terminal t{work / "terminal"};
  auto ch = hub.channel_url("tongxi");

  write_file(work / "enroll.token", "staff-secret-token\n");
  auto r = run({tool("bianmin-sync"), "enroll", "--state", t.state, "--hub", hub.url(), "--id", "hall-01", "--name",
                "大厅1号机", "--token-file", work / "enroll.token"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);

  publish_version(work.path(), k, hub, 1);
  r = run(t.args("once", ch, k.trust, hub.url()));
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("full database") != std::string::npos);
  CHECK(fs::is_symlink(t.state / "content.db"));
  r = run(t.args("verify", ch, k.trust));
  CHECK_MESSAGE(r.exit_code == 0, r.output);

  auto status = sync::read_sync_status(t.state);
  REQUIRE(status);
  CHECK(status->outcome == "updated");
  CHECK(status->version == 1);
  CHECK(status->last_success_at == status->last_run_at);

  // Nothing new: the manifest answers 304 and nothing is downloaded. The run is still
  // recorded (the kiosk's 离线 reads it): an old status becomes a fresh "up to date" one,
  // though agent.json, which holds nothing that changed, is left as it was.
  write_file(t.state / sync::kSyncStatusFile, sync::sync_status_json({1000, "updated", "old", 1, 1000}));
  const auto agent_json_time = fs::last_write_time(t.state / "agent.json");
  r = run(t.args("once", ch, k.trust, hub.url()));
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("up to date") != std::string::npos);
  status = sync::read_sync_status(t.state);
  REQUIRE(status);
  CHECK(status->outcome == "up_to_date");
  CHECK(status->version == 1);
  CHECK(status->last_run_at > 1000);
  CHECK(status->last_success_at == status->last_run_at);
  CHECK(fs::last_write_time(t.state / "agent.json") == agent_json_time);

  publish_version(work.path(), k, hub, 2, [](content::ContentSet& s) { s.guides.at(0).name += "（新）"; });
  r = run(t.args("once", ch, k.trust, hub.url()));
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK_MESSAGE(r.output.find("by delta from 1") != std::string::npos, r.output);
  CHECK(run(t.args("verify", ch, k.trust)).exit_code == 0);
  r = run(t.args("status", ch, k.trust));
  CHECK(r.output.find("version: 2") != std::string::npos);
  CHECK(r.output.find("previous: 1") != std::string::npos);

  auto f = fleet(hub);
  REQUIRE(f.size() == 1);
  CHECK(f[0]["id"] == "hall-01");
  CHECK(f[0]["content_version"] == 2);
  CHECK(f[0]["lagging"] == false);

  // Staff roll back; the agent then refuses version 2 as a replay, and takes version 3.
  r = run(t.args("rollback", ch, k.trust));
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  r = run(t.args("status", ch, k.trust));
  CHECK(r.output.find("version: 1") != std::string::npos);
  const int64_t succeeded_at = sync::read_sync_status(t.state)->last_success_at;
  r = run(t.args("once", ch, k.trust, hub.url()));
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("not newer") != std::string::npos);
  status = sync::read_sync_status(t.state);
  REQUIRE(status);
  CHECK(status->outcome == "failed");
  CHECK(status->message.find("not newer") != std::string::npos);
  CHECK(status->last_success_at == succeeded_at);  // a failed run keeps the last success
  CHECK(run(t.args("verify", ch, k.trust)).exit_code == 0);
  f = fleet(hub);
  CHECK(f[0]["lagging"] == true);  // the hub sees it behind

  publish_version(work.path(), k, hub, 3, [](content::ContentSet& s) { s.guides.at(1).name += "（三）"; });
  r = run(t.args("once", ch, k.trust, hub.url()));
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("by delta from 1") != std::string::npos);  // v3 carries deltas from 1 and 2
  CHECK(run(t.args("verify", ch, k.trust)).exit_code == 0);
}

TEST_CASE("the hub serves the manifest with ETag and 304, files with Range, and guards its API") {
  TempDir work("e2e");
  Keys k = make_keys(work.path());
  HubProcess hub(k.trust);
  publish_version(work.path(), k, hub, 1);
  sync::HttpOptions o;
  auto m = sync::http_get(hub.channel_url("tongxi") + "/manifest.json", o);
  REQUIRE(m.ok());
  CHECK(m->status == 200);
  CHECK(m->header("cache-control") == "no-cache");
  auto etag = m->header("etag");
  REQUIRE_FALSE(etag.empty());
  auto again = sync::http_get(hub.channel_url("tongxi") + "/manifest.json", o, {{"If-None-Match", etag}});
  REQUIRE(again.ok());
  CHECK(again->status == 304);
  CHECK(again->body.empty());
  auto sig = sync::http_get(hub.channel_url("tongxi") + "/manifest.sig", o);
  CHECK(sig->body == read_file(work / "channel/manifest.sig"));

  auto parsed = sync::parse_manifest(m->body);
  REQUIRE(parsed.ok());
  auto url = hub.channel_url("tongxi") + "/files/" + parsed->full_file;
  auto part = sync::http_get(url, o, {{"Range", "bytes=10-19"}});
  REQUIRE(part.ok());
  CHECK(part->status == 206);
  CHECK(part->body == read_file(work / "channel/files" / parsed->full_file).substr(10, 10));
  CHECK(part->header("cache-control").find("immutable") != std::string::npos);

  CHECK(sync::http_get(hub.channel_url("tongxi") + "/files/..%2Fhub.db", o)->status == 404);
  CHECK(sync::http_get(hub.url() + "/api/terminals", o)->status == 401);
  o.bearer_token = "staff-secret-token";
  CHECK(sync::http_get(hub.url() + "/api/terminals", o)->status == 200);
  // A push with a wrong token is refused.
  write_file(work / "bad.token", "guess\n");
  auto r = run({tool("bianmin-publish"), "push", work / "channel", "--to", hub.url(), "--token-file",
                work / "bad.token", "--trust", k.trust});
  CHECK(r.exit_code != 0);
}

TEST_CASE("outbox batches reach the hub exactly once, even when an upload is retried") {
  TempDir work("e2e");
  Keys k = make_keys(work.path());
  HubProcess hub(k.trust);
  Terminal t{work / "terminal"};
  write_file(work / "enroll.token", "staff-secret-token\n");
  REQUIRE(run({tool("bianmin-sync"), "enroll", "--state", t.state, "--hub", hub.url(), "--id", "cun-07", "--token-file",
               work / "enroll.token"})
              .exit_code == 0);
  {
    auto ob = sync::Outbox::open(t.state / "outbox.db");
    REQUIRE(ob.ok());
    for (int i = 0; i < 1200; ++i)
      REQUIRE((*ob)->append({sync::EventKind::View, "guide/x" + std::to_string(i), "", 0, 0}).ok());
    REQUIRE((*ob)->append({sync::EventKind::Search, "", "低保 13912345678", 2, 0}).ok());
    // A batch taken (and, say, posted) before a crash: the retry must carry the same id.
    auto b = (*ob)->take_batch(500);
    REQUIRE(b.ok());
    sync::HttpOptions o;
    o.bearer_token = sync::read_whole_file(t.state / "token").value();
    o.bearer_token.pop_back();
    auto first =
        sync::http_send("POST", hub.url() + "/api/outbox",
                        sync::wire::to_json(sync::wire::OutboxUpload{b->id, b->events}), "application/json", o);
    REQUIRE(first.ok());
    CHECK(sync::wire::parse_outbox_ack(first->body).value().duplicate == false);
    // A batch no terminal sends (a rating of 9) is refused whole, with the field named.
    sync::wire::OutboxUpload bad_batch{"bad-batch",
                                       {sync::StoredEvent{1, {sync::EventKind::Rating, "hall", "", 9, 1764547200}}}};
    auto refused =
        sync::http_send("POST", hub.url() + "/api/outbox", sync::wire::to_json(bad_batch), "application/json", o);
    REQUIRE(refused.ok());
    CHECK(refused->status == 400);
    CHECK(refused->body.find("events[0].value: a rating must be 1 to 5, got 9") != std::string::npos);
  }
  auto r = run({tool("bianmin-sync"), "upload", "--state", t.state, "--hub", hub.url()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  auto f = fleet(hub);
  REQUIRE(f.size() == 1);
  CHECK(f[0]["events"] == 1201);  // the retried batch was not counted twice
  CHECK(sync::Outbox::open(t.state / "outbox.db").value()->pending_count().value() == 0);
  // A terminal without a valid token cannot post.
  sync::HttpOptions bad;
  bad.bearer_token = "nope";
  CHECK(sync::http_send("POST", hub.url() + "/api/outbox", "{}", "application/json", bad)->status == 401);
}
