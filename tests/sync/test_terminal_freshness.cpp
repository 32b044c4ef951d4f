// Issue 15, the terminal: a real bianmin-sync against a real hub on loopback. Whatever the
// server does (an old manifest, a broken delta, a crawl, a flood, a manifest built to confuse
// parsers), the terminal keeps its content, says why, and takes the next good version.
#include <chrono>
#include <cstdint>
#include <limits>

#include "bianmin/sync/crypto.hpp"
#include "bianmin/sync/manifest.hpp"
#include "sync_scene.hpp"

using namespace bianmin;
using namespace bianmin::test;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// The hub serves `bytes` as the channel's manifest, signed with the publisher's key (what a
// hub could serve if the publisher's key signed it), with the publisher's files.
void serve_signed(Scene& s, const std::string& bytes) {
  auto key = sync::read_secret_key(s.k.key);
  REQUIRE(key.ok());
  fs::copy(s.work / "channel/files", s.hub_channel() / "files",
           fs::copy_options::skip_existing | fs::copy_options::recursive);
  write_file(s.hub_channel() / "manifest.sig", sync::sign_detached(bytes, *key));
  write_file(s.hub_channel() / "manifest.json", bytes);
}

sync::BundleManifest sample_manifest() {
  sync::BundleManifest m;
  m.channel = "tongxi";
  m.version = 3;
  m.key_id = "0123456789abcdef";
  m.db_size = 10;
  m.db_sha256 = m.content_hash = m.full_sha256 = std::string(64, 'a');
  m.full_file = "content-3.db.zst";
  m.full_size = 5;
  return m;
}

}  // namespace

TEST_CASE("a missing or corrupt delta: the terminal takes the full file instead") {
  Scene s;
  s.publish(1);
  s.syncs_to(1);
  s.publish(2);
  auto m2 = s.manifest();
  REQUIRE(m2.delta_from(1) != nullptr);
  fs::remove(s.hub_channel() / "files" / m2.delta_from(1)->file);  // missing (404)
  auto r = s.sync();
  CHECK_MESSAGE(r.exit_code == 0, r.output);
  CHECK_MESSAGE(contains(r.output, "full database"), r.output);
  s.serves(2);

  s.publish(3);
  auto m3 = s.manifest();
  REQUIRE(m3.delta_from(2) != nullptr);
  flip_byte(s.hub_channel() / "files" / m3.delta_from(2)->file, 3);  // corrupt (sha256)
  r = s.sync();
  CHECK_MESSAGE(r.exit_code == 0, r.output);
  CHECK_MESSAGE(contains(r.output, "full database"), r.output);
  s.serves(3);
}

TEST_CASE("a sync slower than its time limit stops; the content stays and the next sync completes") {
  // A hub that answers every request after 1.5 s: manifest, then the file, take over 3 s.
  Scene s({"--delay-ms", "1500"});
  s.publish(1);
  auto t0 = Clock::now();
  s.sync_fails("longer than", {"--sync-time-limit", "2"});
  double took = seconds_since(t0);
  CHECK_MESSAGE(took < 6.0, "the sync ran " << took << " s with a 2 s limit");
  CHECK(s.version() == 0);
  s.syncs_to(1);
}

TEST_CASE("a manifest answer larger than any manifest is refused without reading it all") {
  Scene s;
  s.publish(1);
  s.syncs_to(1);
  auto good = s.signed_manifest();
  write_file(s.hub_channel() / "manifest.json", "{\"format\": 1, \"pad\": \"" + std::string(3 << 20, ' ') + "\"}");
  s.sync_fails("larger than");
  s.serves(1);
  s.serve_manifest(good);
  s.publish(2);
  s.syncs_to(2);
}

TEST_CASE("a manifest naming a key twice is refused") {
  auto text = sync::manifest_to_json(sample_manifest());
  REQUIRE(sync::parse_manifest(text).ok());
  // Two readers could take different values from the same signed bytes.
  std::string twice = text;
  twice.insert(twice.find('{') + 1, "\n  \"version\": 9,");
  auto m = sync::parse_manifest(twice);
  CHECK_FALSE(m.ok());
  std::string nested = text;
  nested.insert(nested.find("\"full\": {") + 9, "\"file\": \"other.db.zst\",");
  CHECK_FALSE(sync::parse_manifest(nested).ok());

  // Signed by the publisher's key and served: the terminal refuses it and keeps its content.
  Scene s;
  s.publish(1);
  s.syncs_to(1);
  s.build(2);
  std::string good = read_file(s.work / "channel/manifest.json");
  std::string dup = good;
  serve_signed(s, dup.insert(dup.find('{') + 1, "\n  \"version\": 999,"));
  s.sync_fails("twice");
  s.serves(1);
  serve_signed(s, good);
  s.syncs_to(2);
}

TEST_CASE("a signed version of 2^63-1 is refused, so it cannot end all later updates") {
  auto big = sample_manifest();
  big.version = std::numeric_limits<int64_t>::max();
  CHECK_FALSE(sync::parse_manifest(sync::manifest_to_json(big)).ok());

  Scene s;
  s.publish(1);
  s.syncs_to(1);
  s.build(2);
  std::string text = read_file(s.work / "channel/manifest.json");
  auto at = text.find("  \"version\": 2,");
  REQUIRE(at != std::string::npos);
  std::string huge = text;
  serve_signed(s, huge.replace(at, 15, "  \"version\": 9223372036854775807,"));
  s.sync_fails("version");
  s.serves(1);
  // The genuine version 2 still goes through.
  serve_signed(s, text);
  s.syncs_to(2);
}

TEST_CASE(
    "past its manifest's expiry a terminal keeps its content, tells staff and the hub, and confirms again after a "
    "re-sign") {
  Scene s;
  s.publish(1);
  auto with_clock = [&](std::vector<std::string> a, const std::string& now) {
    a.insert(a.begin(), {"/usr/bin/env", "BIANMIN_SYNC_NOW=" + now});
    return run(a);
  };
  auto args = [&](const std::string& cmd) {
    return s.t.args(cmd, s.hub->channel_url("tongxi"), s.k.trust, s.hub->url());
  };
  auto enroll = args("enroll");
  enroll.insert(enroll.end(), {"--id", "hall-01", "--token-file", s.hub->token_file().string()});
  REQUIRE(run(enroll).exit_code == 0);
  auto fleet_unconfirmed = [&] {
    auto f = run({tool("bianmin-hub"), "terminals", "--data", s.hub->data(), "--json"});
    REQUIRE(f.exit_code == 0);
    return contains(f.output, "\"unconfirmed\": true");
  };
  auto r = run(args("once"));
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK_FALSE(fleet_unconfirmed());

  // Years later the hub still serves the same manifest (cut off from the publisher, or
  // frozen by an attacker): the terminal keeps its content but cannot confirm it is current.
  const std::string later = "2036-01-01T00:00:00Z";
  r = with_clock(args("once"), later);
  CHECK_MESSAGE(r.exit_code == 1, r.output);
  CHECK_MESSAGE(contains(r.output, "cannot confirm"), r.output);
  s.serves(1);
  CHECK(contains(with_clock(args("status"), later).output, "freshness: unconfirmed"));
  CHECK(fleet_unconfirmed());

  // The publisher re-signs the same version (valid ten years more) and pushes it.
  auto sign = publish_tool({"sign", s.work / "channel", "--key", s.k.key, "--valid-days", "3650"});
  REQUIRE_MESSAGE(sign.exit_code == 0, sign.output);
  auto push = s.push();
  REQUIRE_MESSAGE(push.exit_code == 0, push.output);
  r = with_clock(args("once"), later);
  CHECK_MESSAGE(r.exit_code == 0, r.output);
  CHECK(contains(with_clock(args("status"), later).output, "freshness: ok"));
  CHECK_FALSE(fleet_unconfirmed());
  s.serves(1);

  // A newer version whose manifest has already expired (dated 2019) is refused.
  s.build(2);
  auto m = sync::parse_manifest(read_file(s.work / "channel/manifest.json"));
  REQUIRE(m.ok());
  m->created_at = "2019-03-01T08:00:00Z";
  m->expires_at = "2019-03-31T08:00:00Z";
  serve_signed(s, sync::manifest_to_json(*m));
  s.sync_fails("expired");
  s.serves(1);
}
