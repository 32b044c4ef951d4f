// Source files into form fields and back (see item_form.hpp). yaml-cpp's exceptions stay here.
#include "item_form.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "bianmin/sync/crypto.hpp"

namespace bianmin::console {

using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {
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

void emit_value(YAML::Emitter& out, const YAML::Node& v) {
  if (v.IsScalar() && v.Scalar().find('\n') != std::string::npos) {
    out << YAML::Literal << v.Scalar();
  } else if (v.IsSequence()) {
    bool flat = true;
    for (const auto& x : v) flat = flat && x.IsScalar() && x.Scalar().find('\n') == std::string::npos;
    if (flat) out << YAML::Flow;
    out << v;
  } else {
    out << v;
  }
}
}  // namespace

Result<json> read_item(const fs::path& yaml) {
  bool ok = false;
  YAML::Node n = load(yaml, ok);
  if (!ok) return Result<json>::fail("这个文件不是可以用表单修改的格式（请下载后直接修改）", yaml.string());
  json out = json::object();
  try {
    for (const auto& kv : n) {
      std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      if (v.IsScalar()) {
        out[key] = v.Scalar();
      } else if (v.IsSequence()) {
        json arr = json::array();
        bool flat = true;
        for (const auto& x : v) {
          if (!x.IsScalar())
            flat = false;
          else
            arr.push_back(x.Scalar());
        }
        if (flat) out[key] = arr;
      }
    }
  } catch (const std::exception&) {
    return Result<json>::fail("这个文件读不出来", yaml.string());
  }
  return out;
}

Status write_item(const fs::path& yaml, const json& fields) {
  if (!fields.is_object()) return Status::fail("表单内容不对");
  bool ok = false;
  YAML::Node n = load(yaml, ok);
  if (!ok) return Status::fail("这个文件不是可以用表单修改的格式（请下载后直接修改）", yaml.string());
  try {
    for (const auto& [key, v] : fields.items()) {
      if (key.empty() || key.size() > 64) return Status::fail("表单里有不认识的项目");
      if (v.is_string()) {
        if (v.get<std::string>().empty())
          n.remove(key);
        else
          n[key] = v.get<std::string>();
      } else if (v.is_boolean()) {
        if (v.get<bool>())
          n[key] = true;
        else
          n.remove(key);
      } else if (v.is_array()) {
        YAML::Node seq(YAML::NodeType::Sequence);
        for (const auto& x : v)
          if (x.is_string() && !x.get<std::string>().empty()) seq.push_back(x.get<std::string>());
        if (seq.size() == 0)
          n.remove(key);
        else
          n[key] = seq;
      } else {
        return Status::fail("表单里“" + key + "”的内容不对");
      }
    }
    YAML::Emitter out;
    out << YAML::BeginMap;
    for (const auto& kv : n) {
      out << YAML::Key << kv.first;
      out << YAML::Value;
      emit_value(out, kv.second);
    }
    out << YAML::EndMap;
    if (!out.good()) return Status::fail("无法写出这个文件");
    std::error_code ec;
    fs::create_directories(yaml.parent_path(), ec);
    return sync::write_file_atomic(yaml, std::string(out.c_str()) + "\n");
  } catch (const std::exception&) {
    return Status::fail("无法写出这个文件", yaml.string());
  }
}

}  // namespace bianmin::console
