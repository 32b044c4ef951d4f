// The domain model: every kind of content a terminal shows (see shared/CONTENT.md).
// Plain structs, no behaviour. The importer fills them from source files, the cache writer
// stores them in SQLite, the query API (store.hpp) reads them back.
//
// Conventions:
//  - dates are ISO "YYYY-MM-DD" strings, timestamps ISO "YYYY-MM-DDTHH:MM:SS+08:00";
//  - money is an integer number of fen (分, 1/100 yuan) so totals add up exactly;
//  - time limits are working days; 0 with `immediate` true means 即办;
//  - ids are stable strings chosen in the source (item codes, slugs), never row numbers;
//  - Chinese labels shown on screen come from the national 办事指南要素 where one exists;
//  - every struct compares field by field (defaulted operator==), so a round trip through the
//    cache can be checked item by item.
//
// Index: [Reference data] [Service guide] [Convenience card] [Fund publication]
//        [Policy document] [Notice] [ContentSet]
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bianmin::content {

// -------------------------------------------------------------------------------------------
// [SECTION] Reference data
// -------------------------------------------------------------------------------------------

struct VillageGroup {  // 村民小组
  std::string id;      // e.g. "g01", unique within the village
  std::string name;    // e.g. "第一村民小组" / "上湾组"
  bool operator==(const VillageGroup&) const = default;
};

struct Village {   // 行政村 (or 社区)
  std::string id;  // slug, e.g. "qingshi"
  std::string name;
  std::string agent_point_address;  // 村代办点 address
  std::string agent_point_phone;
  std::string agent_point_hours;
  std::vector<VillageGroup> groups;
  bool operator==(const Village&) const = default;
};

struct Hall {  // 乡镇便民服务中心
  std::string name;
  std::string address;
  std::string opening_hours;  // free text, e.g. "周一至周五 8:30-12:00, 14:00-17:30"
  std::string phone;
  std::string complaint_phone;  // 监督投诉电话 for the whole hall
  bool operator==(const Hall&) const = default;
};

struct Site {
  std::string township;     // e.g. "青石镇"
  std::string county;       // e.g. "云溪县"
  std::string region_code;  // 6-digit 行政区划代码 of the county, used in item codes
  Hall hall;
  std::vector<Village> villages;
  std::vector<std::string> allowed_url_hosts;  // hosts an online-handling URL may point to
  // The services people ask for most (guide codes, most used first): offered when a search
  // finds nothing.
  std::vector<std::string> most_used_guides;
  bool operator==(const Site&) const = default;
};

struct Department {        // 实施主体 / 部门
  std::string id;          // slug, e.g. "shebao"
  std::string name;        // e.g. "青石镇社会保障服务中心"
  std::string short_name;  // e.g. "社保所"
  std::string phone;
  std::string window;  // hall window, e.g. "3号窗口"
  int sort_order = 0;  // lists show departments by this (most used first), then by name
  bool operator==(const Department&) const = default;
};

struct Topic {       // 主题分类
  std::string id;    // slug, e.g. "shehuibaozhang"
  std::string name;  // e.g. "社会保障"
  std::string icon;  // icon name from the icon font (assets/), may be empty
  int sort_order = 0;
  bool operator==(const Topic&) const = default;
};

struct LifeEvent {    // 一件事
  std::string id;     // slug, e.g. "xinshenger"
  std::string name;   // e.g. "新生儿出生一件事"
  std::string stage;  // life-cycle stage: 出生, 教育, 就业, 生活, 置业, 出行, 就医, 救助, 养老, 身后, 婚育, 退役, 建房
  std::string description;
  std::vector<std::string> guide_codes;  // member guides, in the order a person does them
  int sort_order = 0;
  bool operator==(const LifeEvent&) const = default;
};

// Villagers' own words for services (俗称): 新农合 for 城乡居民基本医疗保险, 五保 for 特困人员
// 救助供养. Every item whose title holds one of `means` is found by each of `names` (as
// typed, by pinyin initials and by full pinyin), as if the name were in its title.
struct ColloquialName {            // 俗称
  std::vector<std::string> names;  // what people say, e.g. {"新农合", "合作医疗"}
  std::vector<std::string> means;  // words of official titles, e.g. {"城乡居民基本医疗保险"}
  bool operator==(const ColloquialName&) const = default;
};

struct CatalogueNode {    // 主动公开目录
  std::string id;         // path-like, e.g. "zwfw/bszn" (unique)
  std::string parent_id;  // "" for a root
  std::string name;
  int sort_order = 0;
  bool operator==(const CatalogueNode&) const = default;
};

// -------------------------------------------------------------------------------------------
// [SECTION] Service guide (办事指南)
// -------------------------------------------------------------------------------------------

enum class VillageHandling {  // 村级办理方式
  None,                       // not handled in villages
  Direct,                     // 直办
  Proxy,                      // 代办: accepted in the village, passed to the hall within 3 working days
  Assist,                     // 协办
  InformOnly                  // 公开告知
};

struct LegalBasis {      // 设定依据
  std::string document;  // law or document name
  std::string article;   // article text or number
  bool operator==(const LegalBasis&) const = default;
};

struct Material {  // 申请材料
  std::string name;
  std::string source;     // 来源渠道, e.g. "申请人自备", "公安机关"
  std::string form;       // "原件" / "复印件" / "原件和复印件"
  int copies = 1;         // 份数
  std::string medium;     // "纸质" / "电子" / "纸质或电子"
  bool required = true;   // false: conditional (see condition)
  std::string condition;  // when the material is needed, for conditional ones
  std::string notes;      // 填报须知
  bool has_blank_form = false;
  bool has_sample = false;  // 填写样表
  bool operator==(const Material&) const = default;
};

struct ProcessStep {  // 办理流程
  std::string name;   // e.g. "受理"
  std::string actor;  // who acts, e.g. "镇社保所窗口"
  std::string description;
  std::string time_limit;  // e.g. "1个工作日", may be empty
  bool operator==(const ProcessStep&) const = default;
};

struct SpecialStep {     // 特殊环节
  std::string name;      // 现场勘验, 公示, 专家评审 …
  std::string duration;  // e.g. "7个工作日"
  bool counted_in_limit = false;
  bool charged = false;
  bool operator==(const SpecialStep&) const = default;
};

struct FormRef {  // 表单
  std::string name;
  bool has_blank = false;
  bool has_sample = false;
  bool operator==(const FormRef&) const = default;
};

struct QA {  // 常见问题 / 一问一答
  std::string question;
  std::string answer;
  bool operator==(const QA&) const = default;
};

struct ServiceGuide {
  // identity
  std::string code;                 // 事项编码, e.g. "62052400MZ-XK-0001" (unique)
  std::string name;                 // 事项名称
  std::string item_type;            // 事项类型: 行政许可, 行政给付, 行政确认, 公共服务, 其他…
  std::vector<std::string> serves;  // 服务对象: "自然人", "法人"
  std::string department_id;
  std::vector<std::string> topic_ids;
  std::vector<std::string> life_event_ids;
  std::string catalogue_id;
  std::string summary;  // 简版指南: one or two sentences leading with what to do

  std::vector<LegalBasis> legal_basis;  // 设定依据
  std::vector<std::string> conditions;  // 受理条件
  std::vector<Material> materials;      // 申请材料
  std::vector<ProcessStep> process;     // 办理流程

  // time limits (工作日)
  int statutory_days = 0;  // 法定办结时限
  int promised_days = 0;   // 承诺办结时限
  bool immediate = false;  // 即办

  // fees
  bool free_of_charge = true;  // 不收费
  std::string fee_standard;    // 收费标准
  std::string fee_basis;       // 收费依据

  // where and when
  std::string window;   // hall window (defaults to the department's)
  std::string address;  // defaults to the hall's
  std::string hours;    // defaults to the hall's
  VillageHandling village_handling = VillageHandling::None;

  // online handling
  std::string online_url;     // https, allowed hosts only; empty when none
  bool fully_online = false;  // 全程网办
  int visits = 1;             // 到现场次数: 0, 1, 2…

  std::vector<SpecialStep> special_steps;
  std::vector<FormRef> forms;
  std::vector<QA> faq;
  std::vector<std::string> promises;  // 服务承诺
  std::vector<std::string> tips;      // 温馨提示: short lines ("请带原件", "可委托他人代办…")

  // result
  std::string result_name;      // 办理结果 (certificate / decision)
  std::string result_delivery;  // 窗口领取, 邮寄, 电子证照 …

  // contact
  std::string consult_phone;    // 咨询电话
  std::string complaint_phone;  // 监督投诉电话

  // validity
  std::string version;         // e.g. "2026.2"
  std::string effective_date;  // 生效日期
  std::string updated_date;    // 最后更新: shown as "本指南已于 X 更新"
  bool operator==(const ServiceGuide&) const = default;
};

// -------------------------------------------------------------------------------------------
// [SECTION] Convenience card (明白卡)
// -------------------------------------------------------------------------------------------

// Whose money a card's `cost` is about: what the villager pays (a fee, 花多少钱) or what the
// villager receives (a benefit's amount, 能领多少 / 补助标准).
enum class CardMoney { Pay, Receive };

struct ConvenienceCard {
  std::string id;          // slug (unique)
  std::string title;       // e.g. "城乡居民养老保险参保明白卡"
  std::string guide_code;  // the guide it derives from; empty for a standalone card
  std::string topic_id;
  std::string who;                   // 谁能办
  std::vector<std::string> bring;    // 带什么
  std::string where;                 // 去哪办
  std::string when;                  // 什么时候办
  std::string how_long;              // 多久办好
  std::string cost;                  // 花多少钱, or 能领多少 when money == Receive
  CardMoney money = CardMoney::Pay;  // source `money: pay | receive`
  std::string phone;                 // 咨询电话
  std::string online_url;            // QR target; empty when none
  std::string updated_date;
  bool operator==(const ConvenienceCard&) const = default;
};

// -------------------------------------------------------------------------------------------
// [SECTION] Fund publication (资金公开 / 惠民资金公示)
// -------------------------------------------------------------------------------------------

enum class FundKind {
  Household,  // rows are households / persons
  Project     // rows are projects (村级公益项目, 一事一议, 扶贫项目)
};

struct FundRow {   // one household / person, already de-identified
  int row_no = 0;  // 1-based position in the source CSV (stable key)
  std::string village_id;
  std::string group_id;
  std::string beneficiary;     // masked name, e.g. "张*华"
  std::string id_masked;       // masked ID number, may be empty
  std::string account_masked;  // masked bank account, may be empty
  double quantity = 0;         // in `unit` (亩, 人, 月); 0 when not per unit
  int64_t amount_fen = 0;
  std::string paid_date;
  std::string remark;
  bool operator==(const FundRow&) const = default;
};

struct FundProject {  // one project of a project-type publication
  int row_no = 0;
  std::string village_id;
  std::string name;
  std::string place;
  int64_t budget_fen = 0;
  int64_t spent_fen = 0;
  std::string contractor;
  std::string progress;    // e.g. "已完工"
  std::string acceptance;  // e.g. "2026-05-10 验收合格"
  std::string remark;
  bool operator==(const FundProject&) const = default;
};

struct FundPublication {
  std::string id;     // slug (unique)
  std::string title;  // e.g. "2026年耕地地力保护补贴发放公示"
  FundKind kind = FundKind::Household;
  std::string fund_type;  // 补贴项目, e.g. "耕地地力保护补贴"
  int year = 0;
  std::string department_id;  // paying department
  std::string policy_basis;   // 政策依据
  std::string standard;       // e.g. "每亩 105.6 元"
  std::string unit;           // 亩 / 人 / 月; empty when not per unit
  std::string period;         // 所属期, e.g. "2026年度"
  std::vector<std::string> village_ids;
  std::string publicity_start;  // 公示期
  std::string publicity_end;
  std::string complaint_phone;    // 监督电话
  std::string complaint_address;  // 举报地址
  std::string application_guide;  // who qualifies, procedure … (plain text)
  bool full_names = false;        // names published unmasked during publicity (per the dept's rules)
  int64_t total_fen = 0;          // as stated in the header; the importer checks rows add up
  int count = 0;                  // rows, as stated in the header
  std::string catalogue_id;
  std::vector<FundRow> rows;          // Household kind
  std::vector<FundProject> projects;  // Project kind
  bool operator==(const FundPublication&) const = default;
};

// -------------------------------------------------------------------------------------------
// [SECTION] Policy document (政策文件) and notice (公告)
// -------------------------------------------------------------------------------------------

enum class PolicyStatus { InForce, Abolished, Amended };  // 现行有效 / 已废止 / 已修改

struct PolicyDocument {
  std::string id;  // slug (unique)
  std::string title;
  std::string doc_number;  // 文号, e.g. "云政办发〔2024〕12号"
  std::string issuer;
  std::string date;
  PolicyStatus status = PolicyStatus::InForce;
  std::string body;                      // plain text, paragraphs separated by blank lines
  std::vector<std::string> attachments;  // names only
  std::vector<QA> qa;                    // 一问一答
  std::vector<std::string> topic_ids;
  std::string catalogue_id;
  bool operator==(const PolicyDocument&) const = default;
};

struct Notice {
  std::string id;
  std::string title;
  std::string body;
  std::string start_date;  // shown from this date (inclusive)
  std::string end_date;    // to this date (inclusive)
  // 紧急: shown over any screen of every terminal until `urgent_until` (hall time, "YYYY-MM-DD
  // HH:MM"; when the notice gives none, the end of end_date) or until the villager dismisses
  // it for their session.
  bool urgent = false;
  std::string urgent_until;
  bool operator==(const Notice&) const = default;
};

// -------------------------------------------------------------------------------------------
// [SECTION] ContentSet: everything one township publishes
// -------------------------------------------------------------------------------------------

struct ContentSet {
  Site site;
  std::vector<Department> departments;
  std::vector<Topic> topics;
  std::vector<LifeEvent> life_events;
  std::vector<CatalogueNode> catalogue;
  std::vector<ColloquialName> colloquial_names;
  std::vector<ServiceGuide> guides;
  std::vector<ConvenienceCard> cards;
  std::vector<FundPublication> funds;
  std::vector<PolicyDocument> policies;
  std::vector<Notice> notices;
  std::string content_version;  // e.g. "2026.11.23-1", set by the publisher
  std::string published_at;     // timestamp
  bool operator==(const ContentSet&) const = default;
};

// Labels shown on screen for enum values (simplified Chinese), from the tables in enums.hpp.
const char* label(VillageHandling v);
const char* label(PolicyStatus s);
const char* label(FundKind k);
const char* label(CardMoney m);  // the heading over a card's `cost`: 要花多少钱 / 能领多少

}  // namespace bianmin::content
