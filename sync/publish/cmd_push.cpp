// bianmin-publish push DIR --to URL|DIR: checks a signed channel, then uploads it to a hub
// (HTTP, staff token) or copies it into a directory a web server serves (files first, manifest last).
#include <cstdio>

#include "bundle_common.hpp"
#include "commands.hpp"
#include <nlohmann/json.hpp>

#include "bianmin/sync/bundle.hpp"
#include "bianmin/sync/crypto.hpp"
#include "bianmin/sync/http.hpp"

namespace bianmin::publish {

int cmd_push(const std::vector<std::string>& args) {
  ParsedArgs p = parse_args(args, {"to", "token-file", "trust", "pub"});
  if (!p.error.empty()) return usage_error("push", p.error);
  if (p.positional.size() != 1 || opt(p, "to").empty()) return usage_error("push");
  fs::path dir = p.positional[0];
  std::string to = opt(p, "to");
  // Never push what a terminal would refuse: check the signature (against the given trust
  // list, or the key that signed it) and every file first.
  sync::TrustStore trust;
  if (!opt(p, "trust").empty()) {
    auto t = sync::TrustStore::read(opt(p, "trust"));
    if (!t) return fail(t.error());
    trust = *t;
  } else {
    auto text = sync::read_whole_file(dir / "manifest.json");
    if (!text) return fail(text.error());
    auto m = sync::parse_manifest(*text);
    if (!m) return fail(m.error());
    fs::path pub = opt(p, "pub");
    if (pub.empty()) return fail("give --trust KEYS.json (or --pub PUB.json) to check the signature before pushing");
    if (auto st = trust.add_from_file(pub); !st) return fail(st.error());
  }
  auto cv = sync::check_channel(dir, trust);
  if (!cv) return fail(cv.error());
  const auto& m = cv->manifest;
  std::vector<std::string> files = {m.full_file};
  for (const auto& d : m.deltas) files.push_back(d.file);

  if (to.rfind("http://", 0) == 0 || to.rfind("https://", 0) == 0) {
    sync::HttpOptions o;
    std::string token;
    if (!opt(p, "token-file").empty()) {
      auto t = sync::read_whole_file(opt(p, "token-file"));
      if (!t) return fail(t.error());
      token = *t;
      while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
    }
    o.bearer_token = token;
    o.total_timeout_s = 3600;
    while (!to.empty() && to.back() == '/') to.pop_back();
    std::string base = to + "/api/channels/" + m.channel;
    for (const auto& f : files) {
      auto r = sync::http_put_file(base + "/files/" + f, dir / "files" / f, o);
      if (!r) return fail(r.error());
      if (r->status != 200) return fail("hub refused " + f + ": HTTP " + std::to_string(r->status) + " " + r->body);
    }
    nlohmann::json body = {{"manifest", cv->manifest_bytes}, {"signature", sync::to_hex(cv->signature)}};
    auto r = sync::http_send("PUT", base + "/manifest", body.dump(), "application/json", o);
    if (!r) return fail(r.error());
    if (r->status != 200) return fail("hub refused the manifest: HTTP " + std::to_string(r->status) + " " + r->body);
  } else {
    fs::path target = to;
    std::error_code ec;
    fs::create_directories(target / "files", ec);
    for (const auto& f : files) {
      fs::path tmp = target / "files" / (f + ".tmp");
      fs::copy_file(dir / "files" / f, tmp, fs::copy_options::overwrite_existing, ec);
      if (ec) return fail("cannot copy " + f + ": " + ec.message());
      if (auto st = sync::fsync_file(tmp); !st) return fail(st.error());
      fs::rename(tmp, target / "files" / f, ec);
    }
    if (auto st = sync::fsync_dir(target / "files"); !st) return fail(st.error());
    // Signature first, manifest last: a reader that sees the new manifest finds its files.
    if (auto st = sync::write_file_atomic(target / "manifest.sig", cv->signature); !st) return fail(st.error());
    if (auto st = sync::write_file_atomic(target / "manifest.json", cv->manifest_bytes); !st) return fail(st.error());
  }
  std::printf("pushed %s version %lld (%s) to %s\n", m.channel.c_str(), static_cast<long long>(m.version),
              m.version_label.c_str(), to.c_str());
  return 0;
}

}  // namespace bianmin::publish
