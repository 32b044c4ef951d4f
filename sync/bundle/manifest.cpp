// Manifest JSON (see manifest.hpp).
#include "bianmin/sync/manifest.hpp"

#include <nlohmann/json.hpp>

namespace bianmin::sync {
using json = nlohmann::json;

const DeltaEntry* BundleManifest::delta_from(int64_t v) const {
  for (const auto& d : deltas)
    if (d.from_version == v) return &d;
  return nullptr;
}

bool is_plain_file_name(std::string_view name) {
  if (name.empty() || name.size() > 200 || name[0] == '.') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '_' || c == '-'))
      return false;
  return true;
}

std::string manifest_to_json(const BundleManifest& m) {
  json deltas = json::array();
  for (const auto& d : m.deltas)
    deltas.push_back({{"from_version", d.from_version}, {"file", d.file}, {"size", d.size}, {"sha256", d.sha256}});
  json j = {{"format", m.format},
            {"channel", m.channel},
            {"version", m.version},
            {"version_label", m.version_label},
            {"created_at", m.created_at},
            {"key_id", m.key_id},
            {"schema_version", m.schema_version},
            {"db", {{"size", m.db_size}, {"sha256", m.db_sha256}, {"content_hash", m.content_hash}}},
            {"full", {{"file", m.full_file}, {"size", m.full_size}, {"sha256", m.full_sha256}}},
            {"deltas", deltas}};
  return j.dump(2) + "\n";
}

Result<BundleManifest> parse_manifest(std::string_view text) {
  using R = Result<BundleManifest>;
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return R::fail("manifest is not JSON", "manifest.json");
  BundleManifest m;
  try {
    m.format = j.at("format").get<int>();
    if (m.format != kManifestFormat)
      return R::fail("manifest format " + std::to_string(m.format) + " is not supported", "manifest.json", 0, "format");
    m.channel = j.at("channel").get<std::string>();
    m.version = j.at("version").get<int64_t>();
    m.version_label = j.value("version_label", "");
    m.created_at = j.value("created_at", "");
    m.key_id = j.at("key_id").get<std::string>();
    m.schema_version = j.value("schema_version", 0);
    const auto& db = j.at("db");
    m.db_size = db.at("size").get<int64_t>();
    m.db_sha256 = db.at("sha256").get<std::string>();
    m.content_hash = db.at("content_hash").get<std::string>();
    const auto& full = j.at("full");
    m.full_file = full.at("file").get<std::string>();
    m.full_size = full.at("size").get<int64_t>();
    m.full_sha256 = full.at("sha256").get<std::string>();
    for (const auto& d : j.value("deltas", json::array())) {
      DeltaEntry e;
      e.from_version = d.at("from_version").get<int64_t>();
      e.file = d.at("file").get<std::string>();
      e.size = d.at("size").get<int64_t>();
      e.sha256 = d.at("sha256").get<std::string>();
      if (!is_plain_file_name(e.file)) return R::fail("bad delta file name", "manifest.json", 0, "deltas");
      if (e.from_version >= m.version) return R::fail("delta from a newer version", "manifest.json", 0, "deltas");
      m.deltas.push_back(e);
    }
  } catch (const json::exception& e) {
    return R::fail(std::string("manifest field missing or of the wrong type: ") + e.what(), "manifest.json");
  }
  if (m.version < 1) return R::fail("version must be 1 or more", "manifest.json", 0, "version");
  if (!is_plain_file_name(m.full_file)) return R::fail("bad file name", "manifest.json", 0, "full.file");
  if (m.db_size < 0 || m.full_size < 0) return R::fail("negative size", "manifest.json");
  return m;
}

}  // namespace bianmin::sync
