#include "bianmin/sync/screen_request.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

namespace bianmin::sync {

using json = nlohmann::json;

namespace {
std::optional<std::string> read_small(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > 16 * 1024) return std::nullopt;
  return text;
}
std::optional<int64_t> integer(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}
}  // namespace

std::string screen_request_json(const ScreenRequest& r) {
  return json{{"id", r.id}, {"allow_names", r.allow_names}}.dump() + "\n";
}

std::optional<ScreenRequest> parse_screen_request(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (!j.is_object()) return std::nullopt;
  auto id = integer(j, "id");
  auto an = j.find("allow_names");
  if (!id || *id <= 0 || an == j.end() || !an->is_boolean()) return std::nullopt;
  return ScreenRequest{*id, an->get<bool>()};
}

std::string screen_answer_json(const ScreenAnswer& a) {
  return json{{"id", a.id}, {"outcome", a.outcome}, {"message", a.message}, {"taken_at", a.taken_at}}.dump() + "\n";
}

std::optional<ScreenAnswer> parse_screen_answer(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (!j.is_object()) return std::nullopt;
  auto id = integer(j, "id"), at = integer(j, "taken_at");
  auto o = j.find("outcome"), m = j.find("message");
  if (!id || *id <= 0 || !at || *at < 0 || o == j.end() || !o->is_string() || m == j.end() || !m->is_string())
    return std::nullopt;
  ScreenAnswer a{*id, o->get<std::string>(), m->get<std::string>(), *at};
  if (a.outcome != "ok" && a.outcome != "refused") return std::nullopt;
  return a;
}

std::optional<ScreenRequest> read_screen_request(const std::filesystem::path& state_dir) {
  auto t = read_small(state_dir / kScreenRequestFile);
  return t ? parse_screen_request(*t) : std::nullopt;
}

std::optional<ScreenAnswer> read_screen_answer(const std::filesystem::path& state_dir) {
  auto t = read_small(state_dir / kScreenAnswerFile);
  return t ? parse_screen_answer(*t) : std::nullopt;
}

bool write_whole_file(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::path tmp = path;
  tmp += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::filesystem::remove(tmp, ec);
  return !ec;
}

}  // namespace bianmin::sync
