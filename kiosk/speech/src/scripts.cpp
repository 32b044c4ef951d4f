// What 朗读 reads for each item (see bianmin/speech/scripts.hpp).
#include "bianmin/speech/scripts.hpp"

namespace bianmin::speech {
namespace {

// Appends a sentence: "label：text。" (nothing when text is empty).
void sentence(std::string& out, const std::string& label, const std::string& text) {
  if (text.empty()) return;
  out += label.empty() ? text : label + "：" + text;
  const bool ended = text.ends_with("。") || text.ends_with("！") || text.ends_with("？");
  out += ended ? "\n" : "。\n";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : "；") + s;
  return out;
}

}  // namespace

std::string guide_script(const content::ServiceGuide& g, const content::Department* dept, const content::Site& site) {
  std::string out;
  sentence(out, "", g.name);
  sentence(out, "", g.summary);
  sentence(out, "受理条件", joined(g.conditions));
  std::vector<std::string> materials;
  for (const auto& m : g.materials) {
    std::string s = m.name;
    if (m.copies > 1) s += std::to_string(m.copies) + "份";
    if (!m.required) s += "（" + (m.condition.empty() ? std::string("视情况提供") : m.condition) + "）";
    materials.push_back(std::move(s));
  }
  sentence(out, "申请材料", joined(materials));
  std::vector<std::string> steps;
  for (size_t i = 0; i < g.process.size(); ++i) {
    const auto& p = g.process[i];
    std::string s = "第" + std::to_string(i + 1) + "步，" + p.name;
    if (!p.description.empty()) s += "，" + p.description;
    steps.push_back(std::move(s));
  }
  sentence(out, "办理流程", joined(steps));
  if (g.immediate)
    sentence(out, "办结时限", "即办");
  else if (g.promised_days > 0)
    sentence(out, "承诺办结时限", std::to_string(g.promised_days) + "个工作日");
  sentence(out, "收费", g.free_of_charge ? std::string("不收费") : g.fee_standard);
  const std::string window = g.window.empty() && dept ? dept->window : g.window;
  sentence(out, "办理地点",
           (g.address.empty() ? site.hall.address : g.address) + (window.empty() ? "" : "，" + window));
  sentence(out, "办公时间", g.hours.empty() ? site.hall.opening_hours : g.hours);
  sentence(out, "咨询电话", g.consult_phone.empty() && dept ? dept->phone : g.consult_phone);
  return out;
}

std::string card_script(const content::ConvenienceCard& c) {
  std::string out;
  sentence(out, "", c.title);
  sentence(out, "谁能办", c.who);
  sentence(out, "带什么", joined(c.bring));
  sentence(out, "去哪办", c.where);
  sentence(out, "什么时候办", c.when);
  sentence(out, "多久办好", c.how_long);
  sentence(out, content::label(c.money), c.cost);
  sentence(out, "咨询电话", c.phone);
  return out;
}

std::string policy_script(const content::PolicyDocument& d) {
  std::string out;
  sentence(out, "", d.title);
  sentence(out, "", d.doc_number + (d.issuer.empty() ? "" : "，" + d.issuer) + (d.date.empty() ? "" : "，" + d.date));
  for (const auto& qa : d.qa) {
    sentence(out, "问", qa.question);
    sentence(out, "答", qa.answer);
  }
  sentence(out, "", d.body);
  return out;
}

std::string notice_script(const content::Notice& n) {
  std::string out;
  sentence(out, "", n.title);
  sentence(out, "", n.body);
  return out;
}

}  // namespace bianmin::speech
