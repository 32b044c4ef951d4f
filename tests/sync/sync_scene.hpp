// A publisher, a real hub and one terminal, for the sync tests that play faults and attacks
// against them (test_faults, test_hub_attacks, test_terminal_freshness).
#pragma once
#include <doctest/doctest.h>

#include <memory>

#include "bianmin/sync/manifest.hpp"
#include "sync_fixture.hpp"

namespace bianmin::test {

inline bool contains(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

inline RunResult publish_tool(const std::vector<std::string>& args) {
  std::vector<std::string> a = {tool("bianmin-publish").string()};
  a.insert(a.end(), args.begin(), args.end());
  return run(a);
}

// A publisher, a hub and one terminal.
struct Scene {
  TempDir work{"faults"};
  Keys k = make_keys(work.path());
  std::unique_ptr<HubProcess> hub;
  Terminal t{work / "terminal"};
  std::vector<std::string> extra;  // extra bianmin-sync options

  explicit Scene(const std::vector<std::string>& hub_extra = {}) {
    hub = std::make_unique<HubProcess>(k.trust, hub_extra);
  }
  fs::path hub_channel() const { return hub->data() / "channels/tongxi"; }

  // Builds version `v` into the publisher's channel directory (signed), without pushing.
  void build(int v, const std::vector<std::string>& more = {}) {
    make_db(work / "in.db", "2026.11-" + std::to_string(v),
            [v](content::ContentSet& s) { s.guides.at(0).name += "（第" + std::to_string(v) + "版）"; });
    std::vector<std::string> a = {"bundle",    work / "in.db", "-o",    work / "channel",
                                  "--channel", "tongxi",       "--key", k.key};
    a.insert(a.end(), more.begin(), more.end());
    auto r = publish_tool(a);
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  }
  RunResult push() {
    return publish_tool(
        {"push", work / "channel", "--to", hub->url(), "--token-file", hub->token_file(), "--trust", k.trust});
  }
  void publish(int v) {
    build(v);
    auto r = push();
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  }
  RunResult sync(const std::vector<std::string>& more = {}) {
    auto a = t.args("once", hub->channel_url("tongxi"), k.trust);
    a.insert(a.end(), extra.begin(), extra.end());
    a.insert(a.end(), more.begin(), more.end());
    return run(a);
  }
  int version() {
    auto r = run(t.args("status", hub->channel_url("tongxi"), k.trust));
    auto at = r.output.find("version: ");
    return at == std::string::npos ? -1 : std::atoi(r.output.c_str() + at + 9);
  }
  // The terminal serves `v`, intact and signed.
  void serves(int v) {
    CHECK(version() == v);
    auto r = run(t.args("verify", hub->channel_url("tongxi"), k.trust));
    CHECK_MESSAGE(r.exit_code == 0, r.output);
  }
  // The next sync completes and the terminal then serves `v`, intact and signed.
  void syncs_to(int v, const std::vector<std::string>& more = {}) {
    auto r = sync(more);
    CHECK_MESSAGE(r.exit_code == 0, r.output);
    serves(v);
  }
  // The next sync fails (exit 1) and says `why`.
  RunResult sync_fails(const std::string& why, const std::vector<std::string>& more = {}) {
    auto r = sync(more);
    CHECK_MESSAGE(r.exit_code == 1, r.output);
    CHECK_MESSAGE(contains(r.output, why), r.output);
    return r;
  }
  // What the hub serves as the channel's signed manifest, to put back later.
  struct SignedManifest {
    std::string json, sig;
  };
  SignedManifest signed_manifest() const {
    return {read_file(hub_channel() / "manifest.json"), read_file(hub_channel() / "manifest.sig")};
  }
  void serve_manifest(const SignedManifest& m) const {
    write_file(hub_channel() / "manifest.json", m.json);
    write_file(hub_channel() / "manifest.sig", m.sig);
  }
  bianmin::sync::BundleManifest manifest() {
    auto m = bianmin::sync::parse_manifest(read_file(hub_channel() / "manifest.json"));
    REQUIRE(m.ok());
    return *m;
  }
};

inline void flip_byte(const fs::path& p, std::size_t at) {
  std::string bytes = read_file(p);
  REQUIRE(at < bytes.size());
  bytes[at] = static_cast<char>(bytes[at] ^ 0x5a);
  write_file(p, bytes);
}

}  // namespace bianmin::test
