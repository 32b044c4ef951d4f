// Manifest JSON (see manifest.hpp).
#include "bianmin/sync/manifest.hpp"

#include <cstdint>
#include <ctime>
#include <stdexcept>
#include <nlohmann/json.hpp>

namespace bianmin::sync {
using json = nlohmann::json;

const DeltaEntry* BundleManifest::delta_from(int64_t v) const {
  for (const auto& d : deltas)
    if (d.from_version == v) return &d;
  return nullptr;
}

int64_t iso_utc_to_unix(std::string_view iso) {
  std::string s(iso);
  std::tm tm{};
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  char z = 0;
  if (s.size() != 20 || std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &se, &z) != 7 ||
      z != 'Z')
    return -1;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return -1;
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = se;
  return static_cast<int64_t>(timegm(&tm));
}

std::string unix_to_iso_utc(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool BundleManifest::expired(int64_t now) const {
  if (expires_at.empty()) return false;
  return iso_utc_to_unix(expires_at) < now;
}

bool is_plain_file_name(std::string_view name) {
  if (name.empty() || name.size() > 200 || name[0] == '.') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
          c == '-'))
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
  if (!m.expires_at.empty()) j["expires_at"] = m.expires_at;
  return j.dump(2) + "\n";
}

namespace {
// A whole-number field. nlohmann converts a float (1e300, 2.5) to an integer with undefined
// behaviour (found by fuzz/fuzz_manifest), so anything but a JSON integer that fits is refused.
int64_t whole_number(const json& v, const char* field) {
  if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
    throw std::out_of_range(std::string(field) + " is too large");
  if (!v.is_number_integer()) throw std::invalid_argument(std::string(field) + " must be a whole number");
  return v.get<int64_t>();
}
int small_number(const json& v, const char* field) {
  int64_t n = whole_number(v, field);
  if (n < INT32_MIN || n > INT32_MAX) throw std::out_of_range(std::string(field) + " is out of range");
  return static_cast<int>(n);
}

// True when some object in `text` names a key twice (nlohmann keeps the last silently).
bool has_duplicate_keys(std::string_view text) {
  std::vector<std::vector<std::string>> open;  // the keys of each object being parsed
  bool duplicate = false;
  json::parser_callback_t cb = [&](int, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        open.emplace_back();
        break;
      case json::parse_event_t::object_end:
        if (!open.empty()) open.pop_back();
        break;
      case json::parse_event_t::key:
        if (!open.empty()) {
          auto k = parsed.get<std::string>();
          for (const auto& seen : open.back())
            if (seen == k) duplicate = true;
          open.back().push_back(std::move(k));
        }
        break;
      default:
        break;
    }
    return true;
  };
  json parsed = json::parse(text, cb, false);
  (void)parsed;
  return duplicate;
}
}  // namespace

Result<BundleManifest> parse_manifest(std::string_view text) {
  using R = Result<BundleManifest>;
  if (static_cast<int64_t>(text.size()) > kMaxManifestBytes) return R::fail("manifest is too large", "manifest.json");
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return R::fail("manifest is not JSON", "manifest.json");
  if (has_duplicate_keys(text)) return R::fail("manifest names a key twice", "manifest.json");
  BundleManifest m;
  try {
    m.format = small_number(j.at("format"), "format");
    if (m.format != kManifestFormat)
      return R::fail("manifest format " + std::to_string(m.format) + " is not supported", "manifest.json", 0, "format");
    m.channel = j.at("channel").get<std::string>();
    m.version = whole_number(j.at("version"), "version");
    m.version_label = j.value("version_label", "");
    m.created_at = j.value("created_at", "");
    m.expires_at = j.value("expires_at", "");
    m.key_id = j.at("key_id").get<std::string>();
    m.schema_version = j.contains("schema_version") ? small_number(j["schema_version"], "schema_version") : 0;
    const auto& db = j.at("db");
    m.db_size = whole_number(db.at("size"), "db.size");
    m.db_sha256 = db.at("sha256").get<std::string>();
    m.content_hash = db.at("content_hash").get<std::string>();
    const auto& full = j.at("full");
    m.full_file = full.at("file").get<std::string>();
    m.full_size = whole_number(full.at("size"), "full.size");
    m.full_sha256 = full.at("sha256").get<std::string>();
    for (const auto& d : j.value("deltas", json::array())) {
      DeltaEntry e;
      e.from_version = whole_number(d.at("from_version"), "deltas.from_version");
      e.file = d.at("file").get<std::string>();
      e.size = whole_number(d.at("size"), "deltas.size");
      e.sha256 = d.at("sha256").get<std::string>();
      if (!is_plain_file_name(e.file)) return R::fail("bad delta file name", "manifest.json", 0, "deltas");
      if (e.from_version >= m.version) return R::fail("delta from a newer version", "manifest.json", 0, "deltas");
      m.deltas.push_back(e);
    }
  } catch (const json::exception& e) {
    return R::fail(std::string("manifest field missing or of the wrong type: ") + e.what(), "manifest.json");
  } catch (const std::logic_error& e) {  // whole_number: invalid_argument, out_of_range
    return R::fail(std::string("manifest field of the wrong type: ") + e.what(), "manifest.json");
  }
  if (m.version < 1) return R::fail("version must be 1 or more", "manifest.json", 0, "version");
  if (m.version > kMaxManifestVersion)
    return R::fail("version " + std::to_string(m.version) + " is beyond any real publication", "manifest.json", 0,
                   "version");
  if (!m.expires_at.empty() && iso_utc_to_unix(m.expires_at) < 0)
    return R::fail("expires_at is not a UTC time like 2026-12-01T08:00:00Z", "manifest.json", 0, "expires_at");
  if (!is_plain_file_name(m.full_file)) return R::fail("bad file name", "manifest.json", 0, "full.file");
  if (m.db_size < 0 || m.full_size < 0) return R::fail("negative size", "manifest.json");
  return m;
}

}  // namespace bianmin::sync
