// A small ContentSet built in code for the search tests: every kind of searchable item, with
// titles chosen to exercise short queries, polyphones, traditional characters, document
// numbers and fund publications whose rows hold names that must never be found.
#pragma once
#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <vector>

#include "bianmin/content/model.hpp"
#include "bianmin/content/store.hpp"

namespace bianmin::test {

inline content::ServiceGuide search_guide(std::string code, std::string name, std::string dept, std::string summary) {
  content::ServiceGuide g;
  g.code = std::move(code);
  g.name = std::move(name);
  g.item_type = "公共服务";
  g.serves = {"自然人"};
  g.department_id = std::move(dept);
  g.topic_ids = {"shebao"};
  g.catalogue_id = "zwfw/bszn";
  g.summary = std::move(summary);
  return g;
}

inline content::ContentSet search_fixture() {
  using namespace content;
  ContentSet set;
  set.site.township = "青石镇";
  set.site.county = "云溪县";
  set.site.villages = {
      Village{"qingshi", "青石村", "", "", "", {{"g01", "第一村民小组"}, {"g02", "上湾组"}}},
      Village{"baiyan", "白岩村", "", "", "", {{"g01", "下寨组"}}},
  };
  set.departments = {
      Department{"shebao", "青石镇社会保障服务中心", "社保所", "", "3号窗口"},
      Department{"minzheng", "青石镇民政办公室", "民政办", "", "5号窗口"},
      Department{"canlian", "青石镇残疾人联合会", "残联", "", "6号窗口"},
      Department{"tuiyi", "青石镇退役军人服务站", "退役军人站", "", "7号窗口"},
  };
  set.topics = {Topic{"shebao", "社会保障", "", 1}};

  auto g1 = search_guide("530129000SB-GG-0001", "城乡居民养老保险参保登记", "shebao",
                         "年满16周岁、不是在校学生的城乡居民，带身份证到社保所办理参保登记。");
  g1.conditions = {"具有本县户籍", "未参加职工基本养老保险"};
  g1.materials = {Material{"居民身份证", "申请人自备", "原件", 1, "纸质"}};
  auto g2 = search_guide("530129000MZ-JF-0002", "最低生活保障（低保）申请", "minzheng",
                         "家庭人均收入低于当地标准的，可以申请。");
  auto g3 = search_guide("530129000CL-JF-0003", "残疾人两项补贴申请", "canlian",
                         "持有第二代残疾人证的困难残疾人和重度残疾人可以申请。");
  auto g4 = search_guide("530129000SB-GG-0004", "社会保障卡银行账户激活", "shebao",
                         "带社会保障卡和身份证到合作网点激活金融账户。");
  auto g5 =
      search_guide("530129000SB-GG-0005", "长期护理保险待遇申请", "shebao", "长期失能人员经评估后享受护理保险待遇。");
  auto g6 = search_guide("530129000TY-GG-0006", "烈士纪念碑祭扫预约", "tuiyi", "清明节前后可以预约集体祭扫。");
  // Mentions 养老 only in its body, several times: must rank below a title match.
  auto g7 = search_guide("530129000SB-GG-0007", "老年人优待证办理", "shebao",
                         "已领取养老金的老人凭养老金发放记录办理，养老机构入住老人由机构代办。");
  auto g8 = search_guide("530129000SB-GG-0008", "户籍迁入登记", "minzheng", "迁入本镇的人员办理户口登记。");
  set.guides = {g1, g2, g3, g4, g5, g6, g7, g8};

  ConvenienceCard c1;
  c1.id = "shanxian";
  c1.title = "单县务工人员服务指引";
  c1.topic_id = "shebao";
  c1.who = "在本镇务工的单县籍人员";
  c1.bring = {"身份证"};
  ConvenienceCard c2;
  c2.id = "etc";
  c2.title = "车辆通行卡办理";
  c2.who = "ETC and ID card holders";
  set.cards = {c1, c2};

  PolicyDocument p1;
  p1.id = "yanglao-banfa";
  p1.title = "云溪县城乡居民养老保险实施办法";
  p1.doc_number = "云政办发〔2024〕12号";
  p1.issuer = "云溪县人民政府办公室";
  p1.date = "2024-03-01";
  p1.body = "为做好城乡居民基本养老保险工作，制定本办法。";
  p1.qa = {QA{"每年缴费档次有哪些？", "缴费档次从每年200元到5000元。"}};
  PolicyDocument p2;
  p2.id = "gaoling-jintie";
  p2.title = "关于调整高龄津贴标准的通知";
  p2.doc_number = "云民发〔2023〕5号";
  p2.issuer = "云溪县民政局";
  p2.status = PolicyStatus::Abolished;
  p2.body = "八十周岁以上老年人按月发放高龄津贴。";
  PolicyDocument p3;
  p3.id = "kuaiji";
  p3.title = "村级会计委托代理服务管理办法";
  p3.doc_number = "青政发〔2022〕3号";
  p3.body = "村级财务由镇代理记账。";
  set.policies = {p1, p2, p3};

  Notice n1{"zhangbei", "长辈关爱活动通知", "重阳节为辖区长辈免费体检。", "2026-10-01", "2026-10-31"};
  Notice n2{"chongqing", "重庆务工人员返乡就业座谈会通知", "欢迎返乡人员参加。", "2026-02-01", "2026-02-28"};
  set.notices = {n1, n2};

  FundPublication f1;
  f1.id = "gengdi-2026";
  f1.title = "2026年耕地地力保护补贴发放公示";
  f1.fund_type = "耕地地力保护补贴";
  f1.year = 2026;
  f1.department_id = "shebao";
  f1.full_names = true;  // names published in full: still never searchable
  f1.village_ids = {"qingshi"};
  f1.rows = {
      FundRow{1, "qingshi", "g02", "王建国", "", "", 3.5, 36960, "2026-05-01", "无"},
      FundRow{2, "qingshi", "g02", "张*华", "", "", 2.0, 21120, "2026-05-01", "代领人赵铁柱"},
  };
  FundPublication f2;
  f2.id = "dibao-2025";
  f2.title = "2025年农村低保金发放公示";
  f2.fund_type = "最低生活保障金";
  f2.year = 2025;
  f2.department_id = "minzheng";
  f2.village_ids = {"baiyan"};
  f2.rows = {FundRow{1, "baiyan", "g01", "李*", "", "", 1, 50000, "2025-12-01", ""}};
  FundPublication f3;
  f3.id = "yishiyiyi-2026";
  f3.title = "2026年一事一议财政奖补项目公示";
  f3.kind = FundKind::Project;
  f3.fund_type = "一事一议财政奖补";
  f3.year = 2026;
  f3.village_ids = {"qingshi"};
  f3.projects = {
      FundProject{1, "qingshi", "上湾组通组道路硬化", "上湾组", 30000000, 28000000, "云溪县路桥公司", "已完工",
                  "2026-05-10 验收合格", ""},
      FundProject{2, "qingshi", "青石村饮水管网改造", "青石村", 12000000, 0, "", "未开工", "", ""},
  };
  set.funds = {f1, f2, f3};
  return set;
}

// Hits' ids in order.
inline std::vector<std::string> ids(const std::vector<content::SearchHit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.id);
  return out;
}

inline bool has(const std::vector<content::SearchHit>& hits, const std::string& id) {
  auto v = ids(hits);
  return std::find(v.begin(), v.end(), id) != v.end();
}

inline int position(const std::vector<content::SearchHit>& hits, const std::string& id) {
  auto v = ids(hits);
  auto it = std::find(v.begin(), v.end(), id);
  return it == v.end() ? -1 : static_cast<int>(it - v.begin());
}

}  // namespace bianmin::test
