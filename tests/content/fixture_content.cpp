#include "fixture_content.hpp"

#include <string>

namespace bianmin::test {

using namespace bianmin::content;

namespace {

Site make_site() {
  Site s;
  s.township = "青石镇";
  s.county = "云溪县";
  s.region_code = "620524";
  s.hall = Hall{"青石镇便民服务中心", "青石镇青石街1号", "周一至周五 8:30-12:00, 14:00-17:30", "0938-5550100",
                "0938-5550199"};
  s.villages = {
      Village{"qingshi",
              "青石村",
              "青石村村委会一楼",
              "0938-5550201",
              "周一至周六 9:00-17:00",
              {VillageGroup{"g01", "第一村民小组"}, VillageGroup{"g02", "上湾组"}}},
      Village{"shangba",
              "上坝村",
              "上坝村便民服务站",
              "0938-5550301",
              "周一至周五 9:00-16:00",
              {VillageGroup{"g01", "一组"}, VillageGroup{"g02", "二组"}, VillageGroup{"g03", "河湾组"}}},
  };
  s.allowed_url_hosts = {"zwfw.gansu.gov.cn", "www.gjzwfw.gov.cn"};
  s.most_used_guides = {"62052400MZ-JF-0002", "62052400SB-GG-0001"};
  return s;
}

// Every field filled; `n` varies numbers and flags so guides differ from one another.
ServiceGuide make_guide(const std::string& code, const std::string& name, const std::string& dept,
                        std::vector<std::string> topics, std::vector<std::string> events, int n) {
  ServiceGuide g;
  g.code = code;
  g.name = name;
  g.item_type = n % 2 == 0 ? "公共服务" : "行政给付";
  g.serves = {"自然人", n % 2 == 0 ? "法人" : "家庭"};
  g.department_id = dept;
  g.topic_ids = std::move(topics);
  g.life_event_ids = std::move(events);
  g.catalogue_id = "zwfw/bszn";
  g.summary = "带上身份证和户口簿，到便民服务中心" + std::to_string(n) + "号窗口办理" + name + "。";
  g.legal_basis = {LegalBasis{"《社会救助暂行办法》", "第" + std::to_string(10 + n) + "条"},
                   LegalBasis{"《甘肃省社会救助实施办法》", "第三条"}};
  g.conditions = {"具有本镇户籍", "家庭人均收入低于当地标准" + std::to_string(n)};
  Material m1;
  m1.name = "居民身份证";
  m1.source = "申请人自备";
  m1.form = "原件和复印件";
  m1.copies = 1 + n;
  m1.medium = "纸质";
  m1.required = true;
  m1.condition = "";
  m1.notes = "复印件需本人签字";
  m1.has_blank_form = false;
  m1.has_sample = true;
  Material m2;
  m2.name = "残疾人证";
  m2.source = "残联";
  m2.form = "复印件";
  m2.copies = 2;
  m2.medium = "纸质或电子";
  m2.required = false;
  m2.condition = "家庭成员有残疾的";
  m2.notes = "电子证照可免交";
  m2.has_blank_form = true;
  m2.has_sample = false;
  g.materials = {m1, m2};
  g.process = {ProcessStep{"受理", "镇便民服务中心窗口", "审核材料，当场受理", "即时"},
               ProcessStep{"审核", "镇" + dept + "所", "入户调查", "5个工作日"},
               ProcessStep{"办结", "县主管部门", "审批并告知", ""}};
  g.statutory_days = 20 + n;
  g.promised_days = 5 + n;
  g.immediate = n == 3;
  g.free_of_charge = n != 2;
  g.fee_standard = n == 2 ? "工本费每证10元" : "不收费";
  g.fee_basis = n == 2 ? "甘价费〔2020〕12号" : "无";
  g.window = std::to_string(n) + "号窗口";
  g.address = "青石镇青石街1号便民服务中心一楼";
  g.hours = "周一至周五 8:30-12:00, 14:00-17:30";
  g.village_handling = static_cast<VillageHandling>(n % 5);
  g.online_url = "https://zwfw.gansu.gov.cn/item/" + code;
  g.fully_online = n % 2 == 1;
  g.visits = n % 3;
  g.special_steps = {SpecialStep{"公示", "7个工作日", n % 2 == 0, false},
                     SpecialStep{"现场勘验", "3个工作日", true, n == 4}};
  g.forms = {FormRef{name + "申请表", true, true}, FormRef{"家庭经济状况核对授权书", true, false}};
  g.faq = {QA{"可以委托他人办理吗？", "可以，需提供委托书和受托人身份证。"},
           QA{"多久能拿到结果？", "承诺" + std::to_string(5 + n) + "个工作日内办结。"}};
  g.promises = {"一次告知", "限时办结", "首问负责"};
  if (n % 2 == 1) g.tips = {"请带原件，复印件窗口可免费代印", "本人来不了可委托家人代办，需带委托书"};
  g.result_name = name + "决定书";
  g.result_delivery = n % 2 == 0 ? "窗口领取" : "邮寄";
  g.consult_phone = "0938-555010" + std::to_string(n);
  g.complaint_phone = "0938-5550199";
  g.version = "2026." + std::to_string(n);
  g.effective_date = "2026-0" + std::to_string(n) + "-01";
  g.updated_date = "2026-1" + std::to_string(n % 2) + "-1" + std::to_string(n);
  return g;
}

ConvenienceCard make_card(const std::string& id, const std::string& title, const std::string& guide,
                          const std::string& topic, int n) {
  ConvenienceCard c;
  c.id = id;
  c.title = title;
  c.guide_code = guide;
  c.topic_id = topic;
  c.who = "本镇户籍居民" + std::to_string(n);
  c.bring = {"身份证", "户口簿", "一寸照片" + std::to_string(n) + "张"};
  c.where = "镇便民服务中心" + std::to_string(n) + "号窗口，或本村代办点";
  c.when = "工作日 8:30-17:30";
  c.how_long = std::to_string(n) + "个工作日";
  c.cost = "免费";
  if (id == "dibao") {  // a benefit card: `cost` says what the villager receives
    c.money = CardMoney::Receive;
    c.cost = "按家庭人均收入与低保标准的差额每月发放";
  }
  c.phone = "0938-555011" + std::to_string(n);
  c.online_url = "https://zwfw.gansu.gov.cn/card/" + id;
  c.updated_date = "2026-10-2" + std::to_string(n);
  return c;
}

FundRow row(int no, const char* village, const char* group, const char* name, double qty, int64_t fen) {
  FundRow r;
  r.row_no = no;
  r.village_id = village;
  r.group_id = group;
  r.beneficiary = name;
  r.id_masked = "6205**********" + std::to_string(1000 + no);
  r.account_masked = "****" + std::to_string(5000 + no);
  r.quantity = qty;
  r.amount_fen = fen;
  r.paid_date = "2026-11-0" + std::to_string(1 + no % 9);
  r.remark = no % 4 == 0 ? "补发" : "正常";
  return r;
}

std::vector<FundPublication> make_funds() {
  FundPublication gengdi;
  gengdi.id = "gengdi-2026";
  gengdi.title = "2026年耕地地力保护补贴发放公示";
  gengdi.kind = FundKind::Household;
  gengdi.fund_type = "耕地地力保护补贴";
  gengdi.year = 2026;
  gengdi.department_id = "nongye";
  gengdi.policy_basis = "云溪县2026年耕地地力保护补贴实施方案";
  gengdi.standard = "每亩105.60元";
  gengdi.unit = "亩";
  gengdi.period = "2026年度";
  gengdi.village_ids = {"qingshi", "shangba"};
  gengdi.publicity_start = "2026-11-10";
  gengdi.publicity_end = "2026-11-17";
  gengdi.complaint_phone = "0938-5550180";
  gengdi.complaint_address = "青石镇纪委 青石街18号";
  gengdi.application_guide = "承包耕地的农户，按确权面积申领。";
  gengdi.full_names = false;
  gengdi.catalogue_id = "czzj/hmzj";
  // Rows deliberately interleave villages and groups (as a real CSV does).
  gengdi.rows = {
      row(1, "qingshi", "g01", "张*华", 3.5, 36960),   row(2, "qingshi", "g02", "李*", 2.0, 21120),
      row(3, "shangba", "g01", "王*明", 4.25, 44880),  row(4, "qingshi", "g01", "赵*", 1.5, 15840),
      row(5, "shangba", "g03", "刘*芳", 6.0, 63360),   row(6, "shangba", "g01", "陈*", 2.5, 26400),
      row(7, "qingshi", "g02", "杨*军", 3.0, 31680),   row(8, "shangba", "g02", "黄*", 5.0, 52800),
      row(9, "qingshi", "g01", "周*兰", 0.75, 7920),   row(10, "shangba", "g03", "吴*", 2.25, 23760),
      row(11, "qingshi", "g02", "郑*国", 1.25, 13200), row(12, "shangba", "g01", "孙*", 3.75, 39600),
  };
  gengdi.count = static_cast<int>(gengdi.rows.size());
  for (const FundRow& r : gengdi.rows) gengdi.total_fen += r.amount_fen;

  FundPublication dibao;
  dibao.id = "dibao-2025";
  dibao.title = "2025年第四季度农村低保金发放公示";
  dibao.kind = FundKind::Household;
  dibao.fund_type = "农村最低生活保障金";
  dibao.year = 2025;
  dibao.department_id = "minzheng";
  dibao.policy_basis = "《社会救助暂行办法》";
  dibao.standard = "每人每月450元";
  dibao.unit = "人";
  dibao.period = "2025年10月至12月";
  dibao.village_ids = {"qingshi"};
  dibao.publicity_start = "2025-12-01";
  dibao.publicity_end = "2025-12-09";
  dibao.complaint_phone = "0938-5550181";
  dibao.complaint_address = "青石镇民政办";
  dibao.application_guide = "家庭人均收入低于低保标准的，向村委会提出申请。";
  dibao.full_names = true;
  dibao.catalogue_id = "czzj/hmzj";
  dibao.rows = {row(1, "qingshi", "g01", "张三华", 2, 270000), row(2, "qingshi", "g02", "李四", 1, 135000),
                row(3, "qingshi", "g02", "王五", 3, 405000)};
  dibao.count = 3;
  dibao.total_fen = 270000 + 135000 + 405000;

  FundPublication yishi;
  yishi.id = "yishiyiyi-2026";
  yishi.title = "2026年一事一议财政奖补项目公示";
  yishi.kind = FundKind::Project;
  yishi.fund_type = "一事一议财政奖补";
  yishi.year = 2026;
  yishi.department_id = "nongye";
  yishi.policy_basis = "云溪县一事一议财政奖补项目管理办法";
  yishi.standard = "按项目核定";
  yishi.unit = "";
  yishi.period = "2026年度";
  yishi.village_ids = {"shangba", "qingshi"};
  yishi.publicity_start = "2026-11-01";
  yishi.publicity_end = "2026-11-30";
  yishi.complaint_phone = "0938-5550182";
  yishi.complaint_address = "青石镇财政所";
  yishi.application_guide = "村民议事通过的公益项目，向镇财政所申报。";
  yishi.full_names = false;
  yishi.catalogue_id = "czzj";
  yishi.projects = {
      FundProject{1, "shangba", "上坝村河堤加固", "上坝村河湾组", 50000000, 48000000, "云溪县水利工程公司", "已完工",
                  "2026-10-20 验收合格", "含设计费"},
      FundProject{2, "qingshi", "青石村道路硬化", "青石村上湾组", 30000000, 12000000, "青石建筑队", "施工中", "未验收",
                  "二期待建"},
      FundProject{3, "qingshi", "青石村路灯安装", "青石村第一村民小组", 8000000, 7950000, "光明电器", "已完工",
                  "2026-09-30 验收合格", "共40盏"},
  };
  yishi.count = 3;
  yishi.total_fen = 48000000 + 12000000 + 7950000;
  return {gengdi, dibao, yishi};
}

PolicyDocument make_policy(const std::string& id, const std::string& title, const std::string& number,
                           const std::string& date, PolicyStatus status, std::vector<std::string> topics) {
  PolicyDocument p;
  p.id = id;
  p.title = title;
  p.doc_number = number;
  p.issuer = "云溪县人民政府办公室";
  p.date = date;
  p.status = status;
  p.body = "第一条 为了……制定本办法。\n\n第二条 本办法适用于" + title + "。";
  p.attachments = {"附件1：申请表.docx", "附件2：" + id + "标准.pdf"};
  p.qa = {QA{"问：" + title + "适用于谁？", "答：本县户籍居民。"}, QA{"问：到哪里咨询？", "答：镇便民服务中心。"}};
  p.topic_ids = std::move(topics);
  p.catalogue_id = "zcwj";
  return p;
}

}  // namespace

ContentSet fixture_content() {
  ContentSet c;
  c.site = make_site();
  c.departments = {
      Department{"shebao", "青石镇社会保障服务中心", "社保所", "0938-5550110", "3号窗口", 2},
      Department{"minzheng", "青石镇民政办公室", "民政办", "0938-5550120", "4号窗口", 1},
      Department{"nongye", "青石镇农业农村综合服务中心", "农业中心", "0938-5550130", "6号窗口"},  // no order
  };
  c.colloquial_names = {
      ColloquialName{{"低保", "吃低保"}, {"最低生活保障"}},
      ColloquialName{{"农保"}, {"城乡居民基本养老保险", "城乡居民养老保险"}},
  };
  c.topics = {
      Topic{"shehuibaozhang", "社会保障", "shield", 1},
      Topic{"minzhengjiuzhu", "民政救助", "hands", 2},
      Topic{"nongyenongcun", "农业农村", "grass", 3},
      Topic{"hunyinshengyu", "婚姻生育", "", 4},
  };
  c.life_events = {
      LifeEvent{"xinshenger",
                "新生儿出生一件事",
                "出生",
                "出生医学证明、户口登记、医保参保一次办。",
                {"62052400SB-JF-0002", "62052400SB-GG-0001"},
                1},
      LifeEvent{"yanglao",
                "退休养老一件事",
                "养老",
                "养老保险待遇申领一次办。",
                {"62052400SB-GG-0001", "62052400MZ-JF-0002"},
                2},
  };
  c.catalogue = {
      CatalogueNode{"zwfw", "", "政务服务", 1}, CatalogueNode{"zwfw/bszn", "zwfw", "办事指南", 1},
      CatalogueNode{"czzj", "", "财政资金", 2}, CatalogueNode{"czzj/hmzj", "czzj", "惠民资金", 1},
      CatalogueNode{"zcwj", "", "政策文件", 3},
  };
  c.guides = {
      make_guide("62052400SB-GG-0001", "城乡居民基本养老保险参保登记", "shebao", {"shehuibaozhang"},
                 {"xinshenger", "yanglao"}, 1),
      make_guide("62052400SB-JF-0002", "城乡居民养老保险待遇申领", "shebao", {"shehuibaozhang"}, {"xinshenger"}, 2),
      make_guide("62052400MZ-JF-0002", "农村最低生活保障申请", "minzheng", {"minzhengjiuzhu", "shehuibaozhang"},
                 {"yanglao"}, 3),
      make_guide("62052400MZ-GG-0003", "临时救助申请", "minzheng", {"minzhengjiuzhu"}, {}, 4),
      make_guide("62052400NY-JF-0001", "耕地地力保护补贴申领", "nongye", {"nongyenongcun"}, {}, 5),
  };
  c.cards = {
      make_card("yanglao-canbao", "城乡居民养老保险参保明白卡", "62052400SB-GG-0001", "shehuibaozhang", 1),
      make_card("dibao", "农村低保申请明白卡", "62052400MZ-JF-0002", "minzhengjiuzhu", 2),
      make_card("yibao-jiaofei", "城乡居民医保缴费明白卡", "", "shehuibaozhang", 3),
  };
  c.funds = make_funds();
  c.policies = {
      make_policy("yanglao-2024", "云溪县城乡居民基本养老保险实施办法", "云政办发〔2024〕12号", "2024-03-15",
                  PolicyStatus::InForce, {"shehuibaozhang"}),
      make_policy("dibao-2023", "云溪县农村最低生活保障实施细则", "云政办发〔2023〕8号", "2023-06-01",
                  PolicyStatus::Amended, {"minzhengjiuzhu"}),
      make_policy("gengdi-2017", "云溪县耕地地力保护补贴管理办法", "云政办发〔2017〕30号", "2017-05-20",
                  PolicyStatus::Abolished, {"nongyenongcun"}),
  };
  c.notices = {
      Notice{"yimiao", "11月流感疫苗接种日", "11月10日至20日，镇卫生院为60岁以上老人免费接种。", "2026-11-05",
             "2026-11-20"},
      Notice{"tingdian", "10月停电通知", "10月8日青石街停电检修。", "2026-10-01", "2026-10-08"},
      Notice{"xinnian", "元旦放假安排", "1月1日至3日放假。", "2026-12-25", "2027-01-03"},
  };
  c.content_version = "2026.11.12-1";
  c.published_at = "2026-11-12T08:30:00+08:00";
  return c;
}

}  // namespace bianmin::test
