// The bundle format: keys and signatures, manifests, changesets and channel directories
// (library level, real SQLite files written by content::write_cache).
#include <doctest/doctest.h>

#include "bianmin/content/search_rebuild.hpp"
#include "bianmin/content/store.hpp"
#include "bianmin/sync/bundle.hpp"
#include "bianmin/sync/delta.hpp"
#include "sync_fixture.hpp"

using namespace bianmin;
using namespace bianmin::sync;
using namespace bianmin::test;

namespace {
void rename_first_guide(content::ContentSet& s) { s.guides.at(0).name += "（已更新）"; }
sync::RebuildHook rebuild() {
  return [](sqlite3* db) { return content::rebuild_search_index(db); };
}
}  // namespace

TEST_CASE("a signature verifies with its key and not after one byte changes") {
  auto k = generate_keypair();
  TrustStore t;
  t.keys.push_back({k.key_id, k.public_key, false});
  std::string msg = "{\"version\": 3}";
  auto sig = sign_detached(msg, k);
  auto ok = verify_signed(msg, sig, t);
  REQUIRE(ok.ok());
  CHECK(*ok == k.key_id);
  CHECK_FALSE(verify_signed("{\"version\": 4}", sig, t).ok());
  std::string bad = sig;
  bad[5] ^= 1;
  CHECK_FALSE(verify_signed(msg, bad, t).ok());
}

TEST_CASE("a retired or unknown key's signature is refused, and says which") {
  auto old_key = generate_keypair(), new_key = generate_keypair(), stranger = generate_keypair();
  TrustStore t;
  t.keys.push_back({old_key.key_id, old_key.public_key, true});
  t.keys.push_back({new_key.key_id, new_key.public_key, false});
  auto r = verify_signed("m", sign_detached("m", old_key), t);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("retired") != std::string::npos);
  CHECK(verify_signed("m", sign_detached("m", new_key), t).ok());
  CHECK_FALSE(verify_signed("m", sign_detached("m", stranger), t).ok());
}

TEST_CASE("key and trust files round-trip; a key id is bound to its public key") {
  TempDir dir("keys");
  auto k = generate_keypair();
  REQUIRE(write_secret_key(dir / "p.key", k).ok());
  CHECK((std::filesystem::status(dir / "p.key").permissions() & std::filesystem::perms::others_read) ==
        std::filesystem::perms::none);
  auto back = read_secret_key(dir / "p.key");
  REQUIRE(back.ok());
  CHECK(back->key_id == k.key_id);
  CHECK(back->secret_key == k.secret_key);
  REQUIRE(write_public_key(dir / "p.pub.json", k).ok());
  TrustStore t;
  REQUIRE(t.add_from_file(dir / "p.pub.json").ok());
  REQUIRE(t.retire(k.key_id).ok());
  REQUIRE(t.write(dir / "trust.json").ok());
  auto t2 = TrustStore::read(dir / "trust.json");
  REQUIRE(t2.ok());
  REQUIRE(t2->keys.size() == 1);
  CHECK(t2->keys[0].retired);
  // A forged key id next to someone else's key is refused.
  write_file(dir / "forged.json",
             "{\"keys\":[{\"key_id\":\"0000000000000000\",\"public_key\":\"" + to_hex(k.public_key) + "\"}]}");
  CHECK_FALSE(TrustStore::read(dir / "forged.json").ok());
}

TEST_CASE("manifests refuse file names that leave the files directory") {
  BundleManifest m;
  m.channel = "c";
  m.version = 2;
  m.key_id = "k";
  m.full_file = "content-2.db.zst";
  m.deltas.push_back({1, "delta-1-2.zst", 10, "ab"});
  auto ok = parse_manifest(manifest_to_json(m));
  REQUIRE(ok.ok());
  CHECK(ok->delta_from(1) != nullptr);
  CHECK(ok->delta_from(0) == nullptr);
  m.full_file = "../../etc/passwd";
  CHECK_FALSE(parse_manifest(manifest_to_json(m)).ok());
  m.full_file = "content-2.db.zst";
  m.deltas[0].file = "/abs";
  CHECK_FALSE(parse_manifest(manifest_to_json(m)).ok());
  CHECK_FALSE(parse_manifest("not json").ok());
  CHECK_FALSE(parse_manifest("{\"format\": 99}").ok());
}

TEST_CASE("a one-guide change makes a delta of a few KB that reproduces the new content") {
  TempDir dir("bundle");
  make_db(dir / "v1.db", "v1");
  make_db(dir / "v2.db", "v2", rename_first_guide);
  auto k = generate_keypair();
  BuildOptions o;
  o.channel = "qingshi";
  o.version_label = "v1";
  auto m1 = add_version(dir / "ch", dir / "v1.db", o, &k);
  REQUIRE_MESSAGE(m1.ok(), (m1.ok() ? "" : m1.error().to_string()));
  CHECK(m1->version == 1);
  CHECK(m1->deltas.empty());
  o.version_label = "v2";
  auto m2 = add_version(dir / "ch", dir / "v2.db", o, &k);
  REQUIRE(m2.ok());
  CHECK(m2->version == 2);
  REQUIRE(m2->deltas.size() == 1);
  const auto& d = m2->deltas[0];
  CHECK(d.from_version == 1);
  MESSAGE("one-guide delta: " << d.size << " bytes, full: " << m2->full_size << " bytes");
  CHECK(d.size < 4096);
  CHECK(d.size < m2->full_size / 4);

  // Apply to a copy of v1: same content hash as the signed manifest of v2.
  std::filesystem::copy_file(dir / "v1.db", dir / "t.db");
  auto z = read_whole_file(dir / "ch/files" / d.file);
  REQUIRE(z.ok());
  auto cs = zstd_decompress(*z, 1 << 26);
  REQUIRE(cs.ok());
  auto st = apply_changeset(dir / "t.db", *cs, rebuild());
  REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().to_string()));
  CHECK(content_hash_file(dir / "t.db").value() == m2->content_hash);
  CHECK(integrity_check(dir / "t.db").ok());
  auto store = content::Store::open_readonly(dir / "t.db");
  REQUIRE(store.ok());
  CHECK((*store)->guides_all().size() == 5);
  CHECK((*store)->info().content_version == "v2");
  // and the full file decompresses to exactly the database that was signed
  REQUIRE(zstd_decompress_file(dir / "ch/files" / m2->full_file, dir / "full.db", m2->db_size).ok());
  CHECK(sha256_file(dir / "full.db").value() == m2->db_sha256);
  CHECK(content_hash_file(dir / "full.db").value() == m2->content_hash);
}

TEST_CASE("a changeset applied to the wrong base is refused, leaving nothing half-applied") {
  TempDir dir("bundle");
  make_db(dir / "v1.db", "v1");
  make_db(dir / "v2.db", "v2", rename_first_guide);
  make_db(dir / "other.db", "x", [](content::ContentSet& s) { s.guides.erase(s.guides.begin()); });
  auto cs = make_changeset(dir / "v1.db", dir / "v2.db");
  REQUIRE(cs.ok());
  auto before = content_hash_file(dir / "other.db").value();
  CHECK_FALSE(apply_changeset(dir / "other.db", *cs, {}).ok());
  CHECK(content_hash_file(dir / "other.db").value() == before);
}

TEST_CASE("manifest numbers must be JSON integers that fit (found by fuzz/fuzz_manifest)") {
  BundleManifest m;
  m.channel = "c";
  m.version = 2;
  m.key_id = "k";
  m.full_file = "content-2.db.zst";
  const std::string good = manifest_to_json(m);
  REQUIRE(parse_manifest(good).ok());
  auto with = [&](const std::string& from, const std::string& to) {
    std::string t = good;
    auto at = t.find(from);
    REQUIRE(at != std::string::npos);
    return t.replace(at, from.size(), to);
  };
  // A float too large for an int was converted with undefined behaviour; 2.5 was truncated.
  CHECK_FALSE(parse_manifest(with("\"schema_version\": 0", "\"schema_version\": 4e300")).ok());
  CHECK_FALSE(parse_manifest(with("\"schema_version\": 0", "\"schema_version\": 99999999999")).ok());
  CHECK_FALSE(parse_manifest(with("\"version\": 2", "\"version\": 2.5")).ok());
  CHECK_FALSE(parse_manifest(with("\"version\": 2", "\"version\": 18446744073709551615")).ok());
  CHECK_FALSE(parse_manifest(with("\"format\": 1", "\"format\": 1e300")).ok());
}

TEST_CASE("a malformed changeset is refused before SQLite reads it (found by fuzz/fuzz_changeset)") {
  TempDir dir("bundle");
  make_db(dir / "v1.db", "v1");
  make_db(dir / "v2.db", "v2", rename_first_guide);
  auto cs = make_changeset(dir / "v1.db", dir / "v2.db");
  REQUIRE(cs.ok());
  // Debian's SQLite 3.40 loops without end on this one (a table header whose column count
  // runs over the table name).
  const std::string endless = read_file(source_dir() / "fuzz/corpus/changeset/regress-sqlite-loop");
  std::filesystem::copy_file(dir / "v1.db", dir / "t.db");
  auto before = content_hash_file(dir / "t.db").value();
  auto st = apply_changeset(dir / "t.db", endless, {});
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find("malformed") != std::string::npos);
  // Cut short, or naming a table the cache does not have: refused too, nothing applied.
  CHECK_FALSE(apply_changeset(dir / "t.db", cs->substr(0, cs->size() - 3), {}).ok());
  std::string renamed = *cs;
  auto at = renamed.find("guide");
  REQUIRE(at != std::string::npos);
  renamed[at] = 'x';
  CHECK_FALSE(apply_changeset(dir / "t.db", renamed, {}).ok());
  CHECK(content_hash_file(dir / "t.db").value() == before);
  // The well-formed one still applies.
  CHECK(apply_changeset(dir / "t.db", *cs, rebuild()).ok());
}

TEST_CASE("content hashes ignore page layout but see every row") {
  TempDir dir("bundle");
  make_db(dir / "a.db", "v1");
  make_db(dir / "b.db", "v1");
  make_db(dir / "c.db", "v1", rename_first_guide);
  CHECK(content_hash_file(dir / "a.db").value() == content_hash_file(dir / "b.db").value());
  CHECK(content_hash_file(dir / "a.db").value() != content_hash_file(dir / "c.db").value());
}

TEST_CASE("an unsigned build is signed later; check_channel catches a changed file") {
  TempDir dir("bundle");
  make_db(dir / "v1.db", "v1");
  auto k = generate_keypair();
  TrustStore t;
  t.keys.push_back({k.key_id, k.public_key, false});
  BuildOptions o;
  o.channel = "c";
  REQUIRE(add_version(dir / "ch", dir / "v1.db", o, nullptr).ok());
  CHECK_FALSE(check_channel(dir / "ch", t).ok());  // not signed yet
  REQUIRE(sign_channel(dir / "ch", k).ok());
  auto cv = check_channel(dir / "ch", t);
  REQUIRE(cv.ok());
  CHECK(cv->manifest.key_id == k.key_id);
  auto f = dir / "ch/files" / cv->manifest.full_file;
  auto bytes = read_file(f);
  bytes[bytes.size() / 2] ^= 0x55;
  write_file(f, bytes);
  CHECK_FALSE(check_channel(dir / "ch", t).ok());
}

TEST_CASE("old versions are pruned from history and files, the previous manifest's files stay") {
  TempDir dir("bundle");
  auto k = generate_keypair();
  BuildOptions o;
  o.channel = "c";
  o.keep_versions = 3;
  for (int v = 1; v <= 5; ++v) {
    make_db(dir / "in.db", "v" + std::to_string(v),
            [v](content::ContentSet& s) { s.guides.at(0).name += std::to_string(v); });
    auto m = add_version(dir / "ch", dir / "in.db", o, &k);
    REQUIRE(m.ok());
    CHECK(m->version == v);
  }
  CHECK_FALSE(std::filesystem::exists(dir / "ch/history/2.db"));
  CHECK(std::filesystem::exists(dir / "ch/history/3.db"));
  CHECK(std::filesystem::exists(dir / "ch/files/content-5.db.zst"));
  CHECK(std::filesystem::exists(dir / "ch/files/content-4.db.zst"));
  CHECK_FALSE(std::filesystem::exists(dir / "ch/files/content-3.db.zst"));
  auto m = parse_manifest(read_file(dir / "ch/manifest.json"));
  REQUIRE(m.ok());
  CHECK(m->deltas.size() == 2);  // from 4 and from 3
}
