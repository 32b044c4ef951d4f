// Source files into form fields and back (see item_form.hpp). yaml-cpp's exceptions stay here.
#include "item_form.hpp"

#include <yaml-cpp/yaml.h>

#include <regex>
#include <set>
#include <utility>
#include <vector>

#include "bianmin/content/importer.hpp"
#include "bianmin/sync/crypto.hpp"

namespace bianmin::console {

using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {
constexpr int kMaxDepth = 4;  // guides nest two levels (materials[i].name); room to spare

YAML::Node load(const fs::path& p, bool& ok) {
  ok = true;
  std::error_code ec;
  if (!fs::exists(p, ec)) return YAML::Node(YAML::NodeType::Map);
  try {
    YAML::Node n = YAML::LoadFile(p.string());
    ok = n.IsMap();
    return n;
  } catch (const std::exception&) {
    ok = false;
    return {};
  }
}

bool flat(const YAML::Node& v) {
  for (const auto& x : v) {
    const YAML::Node& item = v.IsMap() ? x.second : x;
    if (!item.IsScalar() || item.Scalar().find('\n') != std::string::npos) return false;
  }
  return true;
}

// Block style but for short lists of one-line scalars (`serves: [自然人]`) and maps the file
// already wrote in flow style (`publicity: {start: …, end: …}`); multi-line text as a literal block.
void emit(YAML::Emitter& out, const YAML::Node& v) {
  if (v.IsScalar()) {
    if (v.Scalar().find('\n') != std::string::npos)
      out << YAML::Literal << v.Scalar();
    else
      out << v;
  } else if (v.IsSequence()) {
    if (v.size() == 0 || flat(v)) out << YAML::Flow;
    out << YAML::BeginSeq;
    for (const auto& x : v) emit(out, x);
    out << YAML::EndSeq;
  } else if (v.IsMap()) {
    if (v.size() == 0 || (v.Style() == YAML::EmitterStyle::Flow && flat(v))) out << YAML::Flow;
    out << YAML::BeginMap;
    for (const auto& kv : v) {
      out << YAML::Key << kv.first << YAML::Value;
      emit(out, kv.second);
    }
    out << YAML::EndMap;
  } else {
    out << v;
  }
}

json to_json(const YAML::Node& v) {
  if (v.IsScalar()) return v.Scalar();
  if (v.IsSequence()) {
    json arr = json::array();
    for (const auto& x : v) arr.push_back(to_json(x));
    return arr;
  }
  if (v.IsMap()) {
    json obj = json::object();
    for (const auto& kv : v) obj[kv.first.as<std::string>()] = to_json(kv.second);
    return obj;
  }
  return "";
}

Status merge(YAML::Node& map, const json& fields, int depth);

// One form value as a YAML node; a null node for "nothing" ("" and {} and []).
Result<YAML::Node> value_node(const std::string& key, const json& v, const YAML::Node& before, int depth) {
  if (v.is_string()) return v.get<std::string>().empty() ? YAML::Node() : YAML::Node(v.get<std::string>());
  if (v.is_boolean()) return YAML::Node(v.get<bool>());
  if (v.is_number_integer()) return YAML::Node(v.get<int64_t>());
  if (v.is_number()) return YAML::Node(v.dump());
  if (v.is_array()) {
    YAML::Node seq(YAML::NodeType::Sequence);
    for (const auto& x : v) {
      auto item = value_node(key, x, YAML::Node(), depth + 1);
      if (!item) return item.error();
      if (!item->IsNull()) seq.push_back(*item);
    }
    return seq.size() == 0 ? YAML::Node() : seq;
  }
  if (v.is_object()) {
    // (`before` of a key the file lacks is an invalid node: only IsDefined may be asked of it)
    YAML::Node sub = before.IsDefined() && before.IsMap() ? YAML::Clone(before) : YAML::Node(YAML::NodeType::Map);
    if (auto st = merge(sub, v, depth + 1); !st) return st.error();
    return sub.size() == 0 ? YAML::Node() : sub;
  }
  return Result<YAML::Node>::fail("表单里“" + key + "”的内容不对");
}

Status merge(YAML::Node& map, const json& fields, int depth) {
  if (depth > kMaxDepth) return Status::fail("表单内容不对");
  for (const auto& [key, v] : fields.items()) {
    if (key.empty() || key.size() > 64) return Status::fail("表单里有不认识的项目");
    const YAML::Node& cmap = map;
    YAML::Node before = cmap[key];
    if (v.is_null()) {
      map.remove(key);
      continue;
    }
    auto node = value_node(key, v, before, depth);
    if (!node) return Status{node.error()};
    if (!node->IsNull())
      map[key] = *node;
    else
      map.remove(key);
  }
  return {};
}
}  // namespace

Result<json> read_item(const fs::path& yaml) {
  bool ok = false;
  YAML::Node n = load(yaml, ok);
  if (!ok) return Result<json>::fail("这个文件不是可以用表单修改的格式（请下载后直接修改）", yaml.string());
  try {
    return to_json(n);
  } catch (const std::exception&) {
    return Result<json>::fail("这个文件读不出来", yaml.string());
  }
}

Status write_item(const fs::path& yaml, const json& fields) {
  if (!fields.is_object()) return Status::fail("表单内容不对");
  bool ok = false;
  YAML::Node n = load(yaml, ok);
  if (!ok) return Status::fail("这个文件不是可以用表单修改的格式（请下载后直接修改）", yaml.string());
  try {
    if (auto st = merge(n, fields, 0); !st) return st;
    YAML::Emitter out;
    emit(out, n);
    if (!out.good()) return Status::fail("无法写出这个文件");
    std::error_code ec;
    fs::create_directories(yaml.parent_path(), ec);
    return sync::write_file_atomic(yaml, std::string(out.c_str()) + "\n");
  } catch (const std::exception&) {
    return Status::fail("无法写出这个文件", yaml.string());
  }
}

namespace {
// The files remove_item deletes: the YAML and, for a fund header, the rows CSV it names.
std::vector<fs::path> item_files(const fs::path& yaml) {
  std::vector<fs::path> files{yaml};
  if (yaml.parent_path().filename() == "funds") {
    bool ok = false;
    YAML::Node n = load(yaml, ok);
    static const std::regex csv_name(R"([A-Za-z0-9_.-]{1,80}\.csv)");
    try {
      const YAML::Node& cn = n;
      if (ok && cn["rows"].IsScalar() && std::regex_match(cn["rows"].Scalar(), csv_name) &&
          cn["rows"].Scalar().find("..") == std::string::npos)
        files.push_back(yaml.parent_path() / cn["rows"].Scalar());
    } catch (const std::exception&) {
    }
  }
  return files;
}
}  // namespace

Status remove_item(const fs::path& yaml) {
  std::error_code ec;
  if (!fs::is_regular_file(yaml, ec)) return Status::fail("没有这一条（可能已经删除了）");
  const auto files = item_files(yaml);
  for (size_t i = 1; i < files.size(); ++i) fs::remove(files[i], ec);
  if (!fs::remove(yaml, ec) || ec) return Status::fail("删除没有成功：" + ec.message());
  return {};
}

Result<Problems> remove_unused_item(const fs::path& src, const std::string& rel) {
  const fs::path yaml = src / rel;
  std::error_code ec;
  if (!fs::is_regular_file(yaml, ec)) return Result<Problems>::fail("没有这一条（可能已经删除了）");
  // What the removal takes away, to put back when it is refused.
  std::vector<std::pair<fs::path, std::string>> kept;
  for (const auto& f : item_files(yaml)) {
    if (!fs::is_regular_file(f, ec)) continue;
    auto bytes = sync::read_whole_file(f);
    if (!bytes) return bytes.error();
    kept.emplace_back(f, std::move(*bytes));
  }
  std::multiset<std::string> had;
  for (const auto& p : content::import_source(src).problems) had.insert(p.to_string());
  if (auto st = remove_item(yaml); !st) return st.error();
  Problems added;
  for (auto& p : content::import_source(src).problems) {
    auto it = had.find(p.to_string());
    if (it != had.end())
      had.erase(it);
    else
      added.push_back(std::move(p));
  }
  if (!added.empty())
    for (const auto& [f, bytes] : kept)
      if (auto st = sync::write_file_atomic(f, bytes); !st)
        return Result<Problems>::fail("删除被拒绝，但没能放回 " + f.filename().string() + "：" + st.error().message);
  return added;
}

}  // namespace bianmin::console
