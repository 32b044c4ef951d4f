// bianmin-publish sheet-template KIND OUT.xlsx [--src SRC]: the .xlsx a clerk gives the village
// accountant (content/sheets/fund_template.hpp). With SRC the example row names one of its
// villages and groups, so the example itself imports.
#include <cstdio>

#include "bianmin/content/enums.hpp"
#include "bianmin/content/importer.hpp"
#include "bianmin/sheets/fund_template.hpp"
#include "commands.hpp"

namespace bianmin::publish {

int cmd_sheet_template(const std::vector<std::string>& args) {
  ParsedArgs p = parse_args(args, {"src"});
  if (!p.error.empty()) return usage_error("sheet-template", p.error);
  if (p.positional.size() != 2) return usage_error("sheet-template", "请给出公示类型和要生成的 .xlsx 文件");
  auto kind = content::from_source_word<content::FundKind>(p.positional[0]);
  if (!kind) return usage_error("sheet-template", "公示类型只能是 household（按户发放）或 project（项目公示）");
  sheets::TemplateOptions options;
  if (auto src = p.get("src")) {
    auto imported = content::import_source(*src);
    const auto& villages = imported.content.site.villages;
    if (villages.empty()) {
      std::printf("%s 里没有读到村（site.yaml 的 villages）：请先运行 bianmin-publish check %s\n", src->c_str(),
                  src->c_str());
      return 1;
    }
    options.village = villages.front().name;
    if (!villages.front().groups.empty()) options.group = villages.front().groups.front().name;
  }
  auto written = sheets::write_fund_template(p.positional[1], *kind, options);
  if (!written) {
    std::printf("%s\n", written.error().to_string().c_str());
    return 1;
  }
  std::printf("已生成 %s（%s）：第 1 行是列名，第 2 行是填写示例；“填写说明”表里有每一列的要求。\n",
              p.positional[1].c_str(), content::label(*kind));
  return 0;
}

}  // namespace bianmin::publish
