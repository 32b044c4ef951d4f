// bianmin-publish keygen | bundle | sign | push | trust (see bundle_commands.hpp).
//
//   keygen -o publisher.key [--pub publisher.pub.json]
//   bundle DB -o DIR --channel CH [--key K] [--label L] [--keep N] [--level N]
//   sign DIR --key K
//   push DIR --to http://hub:8470 --token-file F     (HTTP upload to bianmin-hub)
//   push DIR --to /srv/bianmin/channels/CH           (a directory nginx serves)
//   trust add PUB.json --trust KEYS.json | trust retire KEY_ID --trust KEYS.json
#include "bundle_commands.hpp"

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "bianmin/content/store.hpp"
#include "bianmin/sync/bundle.hpp"
#include "bianmin/sync/crypto.hpp"
#include "bianmin/sync/http.hpp"

namespace bianmin::publish {
namespace fs = std::filesystem;

namespace {
int fail(const Problem& p) {
  std::fprintf(stderr, "bianmin-publish: %s\n", p.to_string().c_str());
  return 1;
}
int fail(const std::string& msg) {
  std::fprintf(stderr, "bianmin-publish: %s\n", msg.c_str());
  return 1;
}

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> opts;
  std::string get(const std::string& k, const std::string& d = {}) const {
    auto it = opts.find(k);
    return it == opts.end() ? d : it->second;
  }
};
Args parse(const std::vector<std::string>& v) {
  Args a;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i].rfind("-", 0) == 0 && v[i].size() > 1) {
      a.opts[v[i]] = i + 1 < v.size() ? v[i + 1] : "";
      ++i;
    } else {
      a.positional.push_back(v[i]);
    }
  }
  return a;
}

int keygen(const Args& a) {
  fs::path out = a.get("-o");
  if (out.empty()) return fail("usage: keygen -o publisher.key [--pub publisher.pub.json]");
  if (fs::exists(out)) return fail(out.string() + " exists: refusing to overwrite a key");
  fs::path pub = a.get("--pub", (out.parent_path() / (out.stem().string() + ".pub.json")).string());
  auto k = sync::generate_keypair();
  if (auto st = sync::write_secret_key(out, k); !st) return fail(st.error());
  if (auto st = sync::write_public_key(pub, k); !st) return fail(st.error());
  std::printf("key %s\n  secret: %s (keep it off terminals)\n  public: %s (add to terminals' trusted keys)\n",
              k.key_id.c_str(), out.c_str(), pub.c_str());
  return 0;
}

int bundle(const Args& a) {
  if (a.positional.size() != 1 || a.get("-o").empty())
    return fail("usage: bundle DB -o DIR --channel CH [--key K] [--label L] [--keep N] [--level N]");
  return publish_bundle(a.positional[0], a.get("-o"), a.get("--channel", "default"), a.get("--key"),
                        a.get("--label"));
}

int sign(const Args& a) {
  if (a.positional.size() != 1 || a.get("--key").empty()) return fail("usage: sign DIR --key K");
  auto k = sync::read_secret_key(a.get("--key"));
  if (!k) return fail(k.error());
  if (auto st = sync::sign_channel(a.positional[0], *k); !st) return fail(st.error());
  std::printf("signed %s with key %s\n", a.positional[0].c_str(), k->key_id.c_str());
  return 0;
}

int push(const Args& a) {
  if (a.positional.size() != 1 || a.get("--to").empty())
    return fail("usage: push DIR --to URL|DIR [--token-file F] [--trust KEYS.json]");
  fs::path dir = a.positional[0];
  std::string to = a.get("--to");
  // Never push what a terminal would refuse: check the signature (against the given trust
  // list, or the key that signed it) and every file first.
  sync::TrustStore trust;
  if (!a.get("--trust").empty()) {
    auto t = sync::TrustStore::read(a.get("--trust"));
    if (!t) return fail(t.error());
    trust = *t;
  } else {
    auto text = sync::read_whole_file(dir / "manifest.json");
    if (!text) return fail(text.error());
    auto m = sync::parse_manifest(*text);
    if (!m) return fail(m.error());
    fs::path pub = a.get("--pub");
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
    if (!a.get("--token-file").empty()) {
      auto t = sync::read_whole_file(a.get("--token-file"));
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

int trust_cmd(const Args& a) {
  if (a.positional.size() != 2 || a.get("--trust").empty())
    return fail("usage: trust add PUB.json --trust KEYS.json | trust retire KEY_ID --trust KEYS.json");
  fs::path file = a.get("--trust");
  sync::TrustStore t;
  if (fs::exists(file)) {
    auto r = sync::TrustStore::read(file);
    if (!r) return fail(r.error());
    t = *r;
  }
  Status st = a.positional[0] == "add" ? t.add_from_file(a.positional[1])
              : a.positional[0] == "retire" ? t.retire(a.positional[1])
                                             : Status::fail("unknown trust action " + a.positional[0]);
  if (!st) return fail(st.error());
  if (auto w = t.write(file); !w) return fail(w.error());
  for (const auto& k : t.keys) std::printf("%s%s\n", k.key_id.c_str(), k.retired ? " (retired)" : "");
  return 0;
}
}  // namespace

int publish_bundle(const fs::path& db, const fs::path& dir, const std::string& channel, const fs::path& key_file,
                   const std::string& label) {
  sync::BuildOptions o;
  o.channel = channel;
  o.version_label = label;
  // The database must be a cache this build reads: the same check a terminal makes.
  auto store = content::Store::open_readonly(db);
  if (!store) return fail(store.error());
  if (o.version_label.empty()) o.version_label = (*store)->info().content_version;
  store->reset();
  sync::KeyPair key;
  bool signing = !key_file.empty();
  if (signing) {
    auto k = sync::read_secret_key(key_file);
    if (!k) return fail(k.error());
    key = *k;
  }
  auto m = sync::add_version(dir, db, o, signing ? &key : nullptr);
  if (!m) return fail(m.error());
  std::printf("channel %s version %lld (%s): full %s %lld bytes", m->channel.c_str(), static_cast<long long>(m->version),
              m->version_label.c_str(), m->full_file.c_str(), static_cast<long long>(m->full_size));
  for (const auto& d : m->deltas)
    std::printf(", delta from %lld %lld bytes", static_cast<long long>(d.from_version), static_cast<long long>(d.size));
  std::printf("%s\n", signing ? "" : " (unsigned: run bianmin-publish sign)");
  return 0;
}

bool is_bundle_command(const std::string& c) {
  return c == "keygen" || c == "bundle" || c == "sign" || c == "push" || c == "trust";
}

int run_bundle_command(const std::string& c, const std::vector<std::string>& args) {
  Args a = parse(args);
  if (c == "keygen") return keygen(a);
  if (c == "bundle") return bundle(a);
  if (c == "sign") return sign(a);
  if (c == "push") return push(a);
  if (c == "trust") return trust_cmd(a);
  return 2;
}

}  // namespace bianmin::publish
