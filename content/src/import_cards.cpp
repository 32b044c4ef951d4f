// cards/*.yaml: convenience cards (明白卡). A card must fit one 80 mm slip: at most
// kMaxBring items to bring and kMaxCardChars characters of text in all.
#include <algorithm>
#include <unordered_map>

#include "import_common.hpp"
#include "text_encoding.hpp"

namespace bianmin::content {

namespace {
constexpr std::size_t kMaxBring = 8;
constexpr std::size_t kMaxCardChars = 360;
}  // namespace

void import_cards(ImportContext& ctx) {
  const std::vector<std::string>& hosts = ctx.content.site.allowed_url_hosts;
  std::unordered_map<std::string, std::string> id_file;
  std::unordered_map<std::string, const ServiceGuide*> guides;
  for (const auto& g : ctx.content.guides) guides.emplace(g.code, &g);

  for (const auto& path : yaml_files(ctx.root / "cards")) {
    const std::string rel = relative_name(ctx, path);
    auto root = load_yaml(path, rel, ctx.problems);
    if (!root) continue;
    MapReader r(ctx.problems, rel, *root);
    ConvenienceCard c;
    c.id = r.slug("id", Need::Required);
    if (!c.id.empty()) {
      auto [it, fresh] = id_file.emplace(c.id, rel);
      if (!fresh) r.problem("id", "明白卡编号“" + c.id + "”和 " + it->second + " 重复了");
    }
    c.title = r.text("title", Need::Required);
    c.guide_code = r.text("guide");
    const ServiceGuide* guide = nullptr;
    if (!c.guide_code.empty()) {
      auto it = guides.find(c.guide_code);
      if (it != guides.end())
        guide = it->second;
      else if (!ctx.guides_incomplete)  // otherwise a knock-on of the unreadable guide file
        r.problem("guide", "事项编码“" + c.guide_code + "”在 guides/ 里没有对应的办事指南");
    }
    c.topic_id = r.slug("topic");
    ctx.check_ref(r, "topic", c.topic_id, ctx.topics, "主题");
    if (c.topic_id.empty() && guide && !guide->topic_ids.empty()) c.topic_id = guide->topic_ids[0];
    c.who = r.text("who", Need::Required);
    c.bring = r.text_list("bring", Need::Required);
    c.where = r.text("where", Need::Required);
    c.when = r.text("when", Need::Required);
    c.how_long = r.text("how_long", Need::Required);
    c.cost = r.text("cost", Need::Required);
    c.money = r.choice("money", Need::Optional, CardMoney::Pay);
    c.phone = r.text("phone", Need::Required, Scan::NoMobiles);
    c.online_url = r.url("online_url", hosts);
    if (c.online_url.empty() && guide) c.online_url = guide->online_url;
    c.updated_date = r.date("updated", Need::Required);
    ctx.note_date(c.updated_date);

    if (c.bring.size() > kMaxBring)
      r.problem("bring", "明白卡要能打印在一张80毫米小票上：“带什么”最多" + std::to_string(kMaxBring) + "项，现在有" +
                             std::to_string(c.bring.size()) + "项");
    std::size_t chars = 0;
    for (const std::string* s : {&c.title, &c.who, &c.where, &c.when, &c.how_long, &c.cost, &c.phone})
      chars += utf8::length(*s);
    for (const auto& b : c.bring) chars += utf8::length(b);
    if (chars > kMaxCardChars)
      r.problem_at(r.line(), "",
                   "明白卡要能打印在一张80毫米小票上：全部文字最多" + std::to_string(kMaxCardChars) + "个字，现在有" +
                       std::to_string(chars) + "个字，请精简");
    r.finish();
    ctx.content.cards.push_back(std::move(c));
  }
}

}  // namespace bianmin::content
