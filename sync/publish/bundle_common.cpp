#include "bundle_common.hpp"

#include <cstdio>

#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/store.hpp"
#include "bianmin/sync/manifest.hpp"
#include "build_options.hpp"
#include "bianmin/sync/bundle.hpp"
#include "bianmin/sync/crypto.hpp"

namespace bianmin::publish {

int fail(const Problem& p) {
  std::fprintf(stderr, "bianmin-publish: %s\n", p.to_string().c_str());
  return 1;
}
int fail(const std::string& message) {
  std::fprintf(stderr, "bianmin-publish: %s\n", message.c_str());
  return 1;
}

std::string opt(const ParsedArgs& p, const std::string& name, const std::string& fallback) {
  auto v = p.get(name);
  return v ? *v : fallback;
}

int publish_bundle(const fs::path& db, const fs::path& dir, const std::string& channel, const fs::path& key_file,
                   const std::string& label, int keep_versions, int zstd_level) {
  sync::BuildOptions o;
  o.channel = channel;
  if (o.channel.empty()) {
    // Keep publishing to the channel the directory already holds.
    o.channel = "default";
    if (auto text = sync::read_whole_file(dir / "manifest.json"))
      if (auto m = sync::parse_manifest(*text)) o.channel = m->channel;
  }
  o.version_label = label;
  if (keep_versions > 0) o.keep_versions = keep_versions;
  if (zstd_level > 0) o.zstd_level = zstd_level;
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
  std::printf("channel %s version %lld (%s): full %s %lld bytes", m->channel.c_str(),
              static_cast<long long>(m->version), m->version_label.c_str(), m->full_file.c_str(),
              static_cast<long long>(m->full_size));
  for (const auto& d : m->deltas)
    std::printf(", delta from %lld %lld bytes", static_cast<long long>(d.from_version), static_cast<long long>(d.size));
  std::printf("%s\n", signing ? "" : " (unsigned: run bianmin-publish sign)");
  return 0;
}

int write_bundle(const content::ImportResult& imported, const BuildOptions& options) {
  fs::path dir = options.output;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fail("cannot create " + dir.string() + ": " + ec.message());
  // Built inside the directory so the copy into history/ stays on one file system.
  fs::path db = dir / ".build-content.db";
  if (auto written = content::write_cache(imported.content, db); !written) {
    std::printf("无法写入 %s：%s\n", db.c_str(), written.error().to_string().c_str());
    return 1;
  }
  int rc = publish_bundle(db, dir, options.channel, options.key);
  fs::remove(db, ec);
  if (rc == 0) std::printf("%s", content::summarize(imported.content).c_str());
  return rc;
}

}  // namespace bianmin::publish
