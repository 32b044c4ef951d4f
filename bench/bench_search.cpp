// bianmin-bench search [--guides N] [--fund-rows N]
//
// Builds a county-sized content cache in code (deterministic: the same arguments give the
// same content), writes it with write_cache (schema, items and search index), opens it
// read-only like the kiosk and measures Store::search latency for each kind of query a
// villager types: 1 character, 2 characters, a long phrase, pinyin initials, traditional
// characters, a document number, and colloquial names (site.yaml colloquial_names).
//
// Figures: build_rows_per_s (every row written: items, Q&A, fund rows and projects, per
// second of write_cache), build_s, cache_mb, index_build_s (the search index alone, into
// memory), then per query class <class>_p50 / <class>_p99 (wall clock) and <class>_cpu_p99
// (this thread's CPU time: what the query costs when the cores are shared).
// Defaults: 10,000 guides and 1,000,000 fund rows. Target: every p99 under 10 ms.
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "../content/src/search_index.hpp"  // to time the index build alone
#include "bench.hpp"
#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/model.hpp"
#include "bianmin/content/store.hpp"

namespace {

using namespace bianmin::content;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// CPU time of this thread: unlike wall time, not inflated when other processes share the
// machine's cores (the wall figures are printed too).
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// A small deterministic generator (no std::random distributions: their output is not
// specified across standard libraries).
struct Lcg {
  uint64_t s;
  explicit Lcg(uint64_t seed) : s(seed * 6364136223846793005ULL + 1442695040888963407ULL) {}
  uint32_t next() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(s >> 33);
  }
  size_t below(size_t n) { return n == 0 ? 0 : next() % n; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }
};

const std::vector<std::string> kPlaceA = {"青", "白", "龙", "凤", "石", "松", "柳", "桃", "梅", "竹",
                                          "金", "银", "铜", "玉", "云", "雾", "清", "平", "安", "新"};
const std::vector<std::string> kPlaceB = {"石", "岩", "潭", "溪", "坪", "坝", "山", "河", "湾", "林",
                                          "沟", "岭", "塘", "桥", "寨", "营", "屯", "口", "关", "村"};
const std::vector<std::string> kSurnames = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴",
                                            "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"};

// Services a township hall handles, and departments that own them (index into kDepartments).
struct Service {
  const char* name;
  int dept;
};
const std::vector<std::pair<std::string, std::string>> kDepartments = {{"社会保障服务中心", "社保所"},
                                                                       {"民政办公室", "民政办"},
                                                                       {"残疾人联合会", "残联"},
                                                                       {"退役军人服务站", "退役军人站"},
                                                                       {"农业农村服务中心", "农服中心"},
                                                                       {"卫生健康办公室", "卫健办"},
                                                                       {"派出所户籍窗口", "户籍窗口"},
                                                                       {"自然资源所", "自然资源所"},
                                                                       {"财政所", "财政所"},
                                                                       {"司法所", "司法所"}};
const std::vector<Service> kServices = {{"城乡居民养老保险参保登记", 0},
                                        {"城乡居民养老保险待遇领取", 0},
                                        {"城乡居民医疗保险参保缴费", 0},
                                        {"社会保障卡申领", 0},
                                        {"社会保障卡银行账户激活", 0},
                                        {"长期护理保险待遇申请", 0},
                                        {"就业登记", 0},
                                        {"失业登记", 0},
                                        {"灵活就业人员社保补贴申请", 0},
                                        {"最低生活保障申请", 1},
                                        {"特困人员救助供养申请", 1},
                                        {"临时救助申请", 1},
                                        {"高龄津贴申请", 1},
                                        {"婚姻登记预约", 1},
                                        {"殡葬补助申领", 1},
                                        {"残疾人两项补贴申请", 2},
                                        {"残疾人证办理", 2},
                                        {"残疾人辅助器具适配", 2},
                                        {"退役军人优待证申领", 3},
                                        {"烈士纪念碑祭扫预约", 3},
                                        {"优抚对象定期抚恤金发放", 3},
                                        {"耕地地力保护补贴申报", 4},
                                        {"农机购置补贴申请", 4},
                                        {"农村宅基地建房申请", 7},
                                        {"生育登记", 5},
                                        {"出生医学证明办理", 5},
                                        {"预防接种证办理", 5},
                                        {"户口登记", 6},
                                        {"居民身份证申领", 6},
                                        {"户籍迁入登记", 6},
                                        {"惠民惠农补贴查询", 8},
                                        {"一事一议财政奖补项目申报", 8},
                                        {"人民调解申请", 9},
                                        {"法律援助申请", 9}};
const std::vector<std::string> kVariants = {"",         "变更",     "注销",       "补办",     "延续",
                                            "异地办理", "网上办理", "（村代办）", "（帮办）", "咨询"};
const std::vector<std::string> kConditions = {
    "具有本县户籍的城乡居民", "年满16周岁，不是在校学生",   "家庭人均收入低于当地最低生活保障标准",
    "持有第二代残疾人证",     "年满80周岁的老年人",         "未参加职工基本养老保险",
    "在本镇居住满一年",       "经村民委员会评议公示无异议", "符合计划生育政策",
    "承包耕地并实际种植"};
const std::vector<std::string> kMaterials = {"居民身份证", "户口簿",       "申请表",       "银行卡或存折",
                                             "残疾人证",   "结婚证",       "出生医学证明", "土地承包经营权证",
                                             "村委会证明", "一寸免冠照片", "医院诊断证明", "退役证"};
const std::vector<std::string> kFundTypes = {"耕地地力保护补贴", "农村低保金", "特困人员供养金", "高龄津贴",
                                             "残疾人两项补贴",   "临时救助金", "农机购置补贴",   "生态公益林补偿"};

std::string place(Lcg& r) { return r.pick(kPlaceA) + r.pick(kPlaceB); }

ContentSet county(int guides, int fund_rows) {
  Lcg r(20261123);
  ContentSet set;
  set.site.township = "云溪县";
  set.site.county = "云溪县";
  set.site.region_code = "530129";
  set.content_version = "bench";
  set.published_at = "2026-11-23T10:00:00+08:00";
  set.topics = {Topic{"shebao", "社会保障", "", 1}};
  // A county's table of villagers' words (site.yaml colloquial_names), as large as a hall's.
  set.colloquial_names = {
      {{"社保卡", "医保卡", "补办社保卡"}, {"社会保障卡"}},
      {{"农保", "养老保险", "交养老保险"}, {"城乡居民养老保险"}},
      {{"养老金", "退休金", "领养老金"}, {"养老保险待遇领取"}},
      {{"新农合", "合作医疗", "医保", "交医保"}, {"城乡居民医疗保险"}},
      {{"低保", "低保户", "吃低保", "救济"}, {"最低生活保障"}},
      {{"五保", "五保户", "特困"}, {"特困人员"}},
      {{"救急", "急难救助"}, {"临时救助"}},
      {{"高龄补贴", "长寿金", "老人补贴"}, {"高龄津贴"}},
      {{"残疾补贴", "两项补贴", "护理补贴"}, {"残疾人两项补贴"}},
      {{"种粮补贴", "粮补", "耕地补贴", "种地补贴"}, {"耕地地力保护补贴"}},
      {{"农机补贴", "买农机"}, {"农机购置补贴"}},
      {{"失业金", "失业证"}, {"失业登记"}},
      {{"找工作", "打工登记"}, {"就业登记"}},
      {{"长护险", "护理险"}, {"长期护理保险"}},
      {{"公益林补贴", "生态林"}, {"生态公益林补偿"}},
  };

  const int townships = std::max(1, guides / 400);
  const char* group_names[] = {"第一村民小组", "第二村民小组", "第三村民小组", "第四村民小组",
                               "上湾组",       "下寨组",       "中坝组",       "新村组"};
  for (int t = 0; t < townships; ++t) {
    std::string town = place(r) + "镇";
    std::string tid = "t" + std::to_string(t);
    for (size_t d = 0; d < kDepartments.size(); ++d)
      set.departments.push_back(Department{tid + "-d" + std::to_string(d), town + kDepartments[d].first,
                                           kDepartments[d].second, "0871-60000000", std::to_string(d + 1) + "号窗口"});
    for (int v = 0; v < 10; ++v) {
      Village village{tid + "-v" + std::to_string(v), place(r) + "村", "", "", "", {}};
      for (int g = 0; g < 8; ++g) village.groups.push_back(VillageGroup{"g" + std::to_string(g), group_names[g]});
      set.site.villages.push_back(std::move(village));
    }
  }

  for (int i = 0; i < guides; ++i) {
    const Service& s = kServices[static_cast<size_t>(i) % kServices.size()];
    int t = (i / static_cast<int>(kServices.size())) % townships;
    ServiceGuide g;
    char code[32];
    std::snprintf(code, sizeof code, "530129%03dXX-GG-%05d", t, i);
    g.code = code;
    g.name = std::string(s.name) +
             kVariants[static_cast<size_t>(i / static_cast<int>(kServices.size()) / townships) % kVariants.size()];
    g.item_type = "公共服务";
    g.serves = {"自然人"};
    g.department_id = "t" + std::to_string(t) + "-d" + std::to_string(s.dept);
    g.topic_ids = {"shebao"};
    g.summary = "符合条件的" + place(r) + "村居民，带上" + r.pick(kMaterials) + "和" + r.pick(kMaterials) +
                "到镇便民服务中心" + std::to_string(s.dept + 1) + "号窗口或村代办点办理" + s.name + "。";
    for (int k = 0; k < 3; ++k) g.conditions.push_back(r.pick(kConditions));
    for (int k = 0; k < 4; ++k) g.materials.push_back(Material{r.pick(kMaterials), "申请人自备", "原件", 1, "纸质"});
    g.result_name = std::string(s.name) + "结果通知";
    g.promised_days = 5;
    g.updated_date = "2026-11-01";
    set.guides.push_back(std::move(g));
  }

  for (int i = 0; i < guides / 5; ++i) {
    ConvenienceCard c;
    c.id = "card-" + std::to_string(i);
    c.title = std::string(kServices[static_cast<size_t>(i) % kServices.size()].name) + "明白卡";
    c.topic_id = "shebao";
    c.who = r.pick(kConditions);
    c.bring = {r.pick(kMaterials), r.pick(kMaterials)};
    c.where = "镇便民服务中心";
    c.how_long = "5个工作日";
    c.cost = "不收费";
    set.cards.push_back(std::move(c));
  }

  for (int i = 0; i < guides / 20; ++i) {
    PolicyDocument p;
    p.id = "policy-" + std::to_string(i);
    p.title = "云溪县关于" + std::string(kServices[static_cast<size_t>(i) % kServices.size()].name) + "的实施办法";
    p.doc_number = "云政办发〔" + std::to_string(2015 + i % 11) + "〕" + std::to_string(i + 1) + "号";
    p.issuer = "云溪县人民政府办公室";
    p.date = "2024-03-01";
    p.status = i % 7 == 0 ? PolicyStatus::Abolished : PolicyStatus::InForce;
    for (int k = 0; k < 6; ++k)
      p.body += "第" + std::to_string(k + 1) + "条 " + r.pick(kConditions) + "的，可以申请" +
                kServices[r.below(kServices.size())].name + "，需提供" + r.pick(kMaterials) + "。\n\n";
    for (int k = 0; k < 3; ++k)
      p.qa.push_back(QA{"办理" + std::string(kServices[r.below(kServices.size())].name) + "需要带什么？",
                        "带上" + r.pick(kMaterials) + "和" + r.pick(kMaterials) + "。"});
    set.policies.push_back(std::move(p));
  }

  for (int i = 0; i < 200; ++i)
    set.notices.push_back(Notice{"notice-" + std::to_string(i), place(r) + "村" + r.pick(kFundTypes) + "公示期通知",
                                 "公示期内如有异议请拨打监督电话。", "2026-11-01", "2026-11-30"});

  // Fund publications: ~1,000 rows each, one village per publication.
  const int per_fund = 1000;
  const int funds = std::max(1, fund_rows / per_fund);
  int written = 0;
  for (int f = 0; f < funds; ++f) {
    const Village& v = set.site.villages[static_cast<size_t>(f) % set.site.villages.size()];
    FundPublication p;
    p.id = "fund-" + std::to_string(f);
    p.fund_type = kFundTypes[static_cast<size_t>(f) % kFundTypes.size()];
    p.year = 2020 + f % 7;
    p.title = std::to_string(p.year) + "年" + v.name + p.fund_type + "发放公示";
    p.department_id = "t0-d1";
    p.unit = "人";
    p.period = std::to_string(p.year) + "年度";
    p.village_ids = {v.id};
    p.publicity_start = std::to_string(p.year) + "-06-01";
    p.publicity_end = std::to_string(p.year) + "-06-10";
    int n = f + 1 == funds ? fund_rows - written : std::min(per_fund, fund_rows - written);
    for (int k = 0; k < n; ++k) {
      FundRow row;
      row.row_no = k + 1;
      row.village_id = v.id;
      row.group_id = v.groups[static_cast<size_t>(k) % v.groups.size()].id;
      row.beneficiary = r.pick(kSurnames) + "*" + r.pick(kPlaceA);
      row.quantity = 1;
      row.amount_fen = 10000 + static_cast<int64_t>(r.below(90000));
      row.paid_date = p.publicity_start;
      p.total_fen += row.amount_fen;
      p.rows.push_back(std::move(row));
    }
    p.count = n;
    written += n;
    set.funds.push_back(std::move(p));
  }
  return set;
}

size_t rows_of(const ContentSet& set) {
  size_t n =
      set.departments.size() + set.guides.size() + set.cards.size() + set.notices.size() + set.site.villages.size();
  for (const auto& p : set.policies) n += 1 + p.qa.size();
  for (const auto& f : set.funds) n += 1 + f.rows.size() + f.projects.size();
  return n;
}

// The kiosk searches with today's date (notices not current are left out).
constexpr const char* kToday = "2026-11-23";

// Opens the cache read-only like the kiosk and times every query class.
int measure(const std::filesystem::path& db, int repeat) {
  auto store = Store::open_readonly(db);
  if (!store) {
    std::fprintf(stderr, "bench search: %s\n", store.error().to_string().c_str());
    return 1;
  }
  struct QueryClass {
    const char* name;
    std::vector<const char*> queries;
  };
  const std::vector<QueryClass> classes = {
      {"query_1char", {"碑", "残", "保", "证", "医", "补", "户", "镇"}},
      {"query_2char", {"低保", "养老", "医保", "户口", "补贴", "残疾", "登记", "银行"}},
      {"query_long",
       {"城乡居民养老保险参保登记", "残疾人两项补贴申请", "耕地地力保护补贴发放公示", "符合条件的居民带上身份证",
        "社会保障卡银行账户激活"}},
      {"query_pinyin", {"YLBX", "DB", "YH", "CJR", "GDDL", "SHBZK", "CQHL", "Z", "yanglao", "dibao", "canjiren"}},
      {"query_traditional", {"養老", "醫療保險", "殘疾人", "戶口登記", "銀行", "補貼"}},
      {"query_docnumber", {"云政办发〔2024〕12号", "2024〕12", "12号"}},
      {"query_colloquial", {"社保卡", "SBK", "新农合", "xinnonghe", "低保", "五保户", "种粮补贴", "GDBT", "长寿金"}},
  };
  size_t total_hits = 0;
  for (const auto& c : classes) {
    for (const char* q : c.queries) total_hits += (*store)->search(q, 50, kToday).size();  // warm the page cache
    std::vector<double> wall, cpu;
    for (int k = 0; k < repeat; ++k)
      for (const char* q : c.queries) {
        auto q0 = Clock::now();
        double c0 = thread_cpu_ms();
        total_hits += (*store)->search(q, 50, kToday).size();
        cpu.push_back(thread_cpu_ms() - c0);
        wall.push_back(ms_since(q0));
      }
    const std::string name = c.name;
    bianmin::bench::figure(name + "_p50", bianmin::bench::percentile(wall, 50), "ms");
    bianmin::bench::figure(name + "_p99", bianmin::bench::percentile(wall, 99), "ms");
    bianmin::bench::figure(name + "_cpu_p99", bianmin::bench::percentile(cpu, 99), "ms");
  }
  bianmin::bench::figure("hits_total", static_cast<double>(total_hits), "hits");
  return 0;
}

int run(const std::vector<std::string>& args) {
  int guides = 10000, fund_rows = 1000000, repeat = 40;
  for (size_t i = 0; i + 1 < args.size(); i += 2) {
    if (args[i] == "--guides")
      guides = std::atoi(args[i + 1].c_str());
    else if (args[i] == "--fund-rows")
      fund_rows = std::atoi(args[i + 1].c_str());
    else if (args[i] == "--repeat")
      repeat = std::atoi(args[i + 1].c_str());
    else {
      std::fprintf(stderr, "usage: bianmin-bench search [--guides N] [--fund-rows N] [--repeat N]\n");
      return 2;
    }
  }
  if (guides < 1 || fund_rows < 0 || repeat < 1) {
    std::fprintf(stderr, "bench search: --guides must be >= 1, --fund-rows >= 0, --repeat >= 1\n");
    return 2;
  }

  auto t0 = Clock::now();
  ContentSet set = county(guides, fund_rows);
  bianmin::bench::figure("generate_s", ms_since(t0) / 1000, "s");
  const size_t rows = rows_of(set);

  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("bianmin-bench-search-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::path db = dir / "content.db";
  t0 = Clock::now();
  bianmin::Status st = write_cache(set, db);
  double build_ms = ms_since(t0);
  if (!st) {
    std::fprintf(stderr, "bench search: write_cache failed: %s\n", st.error().to_string().c_str());
    std::filesystem::remove_all(dir);
    return 1;
  }
  {
    // The search index's share of the build, alone (same code write_cache runs).
    sqlite3* mem = nullptr;
    sqlite3_open(":memory:", &mem);
    sqlite3_exec(mem, "BEGIN", nullptr, nullptr, nullptr);
    auto i0 = Clock::now();
    bianmin::Status ist = build_search_index(mem, set);
    double index_ms = ms_since(i0);
    sqlite3_close(mem);
    if (!ist) {
      std::fprintf(stderr, "bench search: %s\n", ist.error().to_string().c_str());
      std::filesystem::remove_all(dir);
      return 1;
    }
    bianmin::bench::figure("index_build_s", index_ms / 1000, "s");
  }
  set = ContentSet{};  // free the fund rows before measuring
  bianmin::bench::figure("rows", static_cast<double>(rows), "rows");
  bianmin::bench::figure("build_s", build_ms / 1000, "s");
  bianmin::bench::figure("build_rows_per_s", static_cast<double>(rows) / (build_ms / 1000), "rows/s");
  bianmin::bench::figure("cache_mb", static_cast<double>(std::filesystem::file_size(db)) / 1e6, "MB");

  int status = measure(db, repeat);
  std::filesystem::remove_all(dir);
  return status;
}

}  // namespace

BIANMIN_BENCH("search", "county-sized cache: build throughput, search latency p50/p99 per query kind", run);
