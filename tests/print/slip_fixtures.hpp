// Content for the slip and printing tests: a guide, a card and a fund extract with long
// Chinese text, conditional materials and masked names, like the demo township's.
#pragma once
#include "bianmin/slips/slips.hpp"

namespace bianmin::test::print {

inline content::Site fixture_site() {
  content::Site s;
  s.township = "桐溪镇";
  s.county = "云溪县";
  s.hall = {"桐溪镇便民服务中心", "桐溪镇人民路18号便民服务中心一楼", "周一至周五 8:30-12:00，14:00-17:30",
            "0931-5551200", "0931-5551299"};
  return s;
}

inline slips::SlipContext fixture_context() {
  slips::SlipContext c;
  c.terminal_id = "tongxi-hall-01";
  c.content_version = "2026.11.23-1";
  c.printed_at = "2026-11-23 10:15";
  c.site = fixture_site();
  return c;
}

inline content::Department fixture_department() {
  return {"shebao", "桐溪镇社会保障服务中心", "社保所", "0931-5551203", "3号窗口"};
}

inline content::ServiceGuide fixture_guide() {
  content::ServiceGuide g;
  g.code = "62052400SB-GG-0003";
  g.name = "城乡居民基本养老保险参保登记";
  g.item_type = "公共服务";
  g.department_id = "shebao";
  g.summary =
      "年满16周岁、不是在校学生、未参加职工养老保险的本地户籍居民，带身份证和户口簿到3号窗口即可办理，也可以扫码在手机"
      "上办。";
  g.conditions = {
      "年满16周岁（不含在校学生）", "具有本县户籍，未参加城镇职工基本养老保险",
      "本人自愿参保，并按年度选择缴费档次；重度残疾人等困难群体由政府按规定代缴部分或全部最低标准养老保险费"};
  content::Material m1;
  m1.name = "居民身份证";
  m1.form = "原件";
  m1.copies = 1;
  m1.medium = "纸质";
  content::Material m2;
  m2.name = "户口簿";
  m2.form = "原件和复印件";
  m2.copies = 2;
  content::Material m3;
  m3.name = "残疾人证（重度残疾人申请政府代缴时提供，须在有效期内）";
  m3.form = "复印件";
  m3.copies = 1;
  m3.required = false;
  m3.condition = "申请代缴";
  g.materials = {m1, m2, m3};
  g.statutory_days = 20;
  g.promised_days = 5;
  g.free_of_charge = true;
  g.window = "";
  g.address = "";
  g.hours = "";
  g.village_handling = content::VillageHandling::Proxy;
  g.online_url = "https://zwfw.gansu.gov.cn/portal/item/62052400SB-GG-0003?channel=Kiosk";
  g.fully_online = true;
  g.visits = 0;
  g.consult_phone = "0931-5551203";
  g.complaint_phone = "0931-5551299";
  g.version = "2026.2";
  g.updated_date = "2026-11-02";
  return g;
}

inline content::ConvenienceCard fixture_card() {
  content::ConvenienceCard c;
  c.id = "yanglao-jiaofei";
  c.title = "城乡居民医疗保险缴费明白卡";
  c.who = "本县户籍、未参加职工医保的城乡居民，新生儿出生后90天内参保的不受缴费期限制。";
  c.bring = {"居民身份证或户口簿", "社会保障卡（银行卡功能已激活）"};
  c.where = "村代办点、镇便民服务中心2号窗口，或用手机扫下方二维码缴费";
  c.when = "每年9月1日至12月31日集中缴费";
  c.how_long = "当场缴费，次年1月1日起享受待遇";
  c.cost = "2026年度个人缴费400元/人，特困人员、低保对象按规定给予资助";
  c.phone = "0931-5551202";
  c.online_url = "https://ybj.gansu.gov.cn/jf/card/yanglao-jiaofei";
  c.updated_date = "2026-09-01";
  return c;
}

inline slips::FundExtract fixture_fund(int rows = 12) {
  slips::FundExtract x;
  auto& h = x.header;
  h.id = "gdlb-2026";
  h.title = "2026年耕地地力保护补贴发放公示";
  h.kind = content::FundKind::Household;
  h.fund_type = "耕地地力保护补贴";
  h.year = 2026;
  h.policy_basis = "《甘肃省耕地地力保护补贴实施方案》";
  h.standard = "每亩 105.6 元";
  h.unit = "亩";
  h.period = "2026年度";
  h.publicity_start = "2026-11-20";
  h.publicity_end = "2026-11-29";
  h.complaint_phone = "0931-5551288";
  h.complaint_address = "桐溪镇纪委（镇政府二楼）";
  x.department_name = "桐溪镇农业农村综合服务中心";
  x.village_name = "青石村";
  x.group_name = "第三村民小组";
  const char* names[] = {"张*华", "李*", "王*明", "赵*芳", "陈*", "刘*强",
                         "杨*兰", "黄*", "周*平", "吴*秀", "徐*", "孙*军"};
  for (int i = 0; i < rows; ++i) {
    content::FundRow r;
    r.row_no = 40 + i;
    r.village_id = "qingshi";
    r.group_id = "g03";
    r.beneficiary = names[i % 12];
    r.quantity = 3.5 + i;
    r.amount_fen = static_cast<int64_t>((3.5 + i) * 10560);
    x.totals.rows += 1;
    x.totals.quantity += r.quantity;
    x.totals.amount_fen += r.amount_fen;
    x.rows.push_back(r);
  }
  return x;
}

}  // namespace bianmin::test::print
