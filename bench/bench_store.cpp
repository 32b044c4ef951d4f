// bianmin-bench store [--rows N] [--keep PATH | --open PATH]: a county-sized cache (default 1,000,000 fund
// rows: 4 publications x 50 villages x 10 groups) written with write_cache and read through
// Store as the kiosk does (pages of 50 rows while scrolling a village's 5,000-row table), and
// the integrity check the kiosk makes at each open (check_intact).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "bench.hpp"
#include "bianmin/content/synthetic.hpp"
#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/store.hpp"

namespace {

using namespace bianmin::content;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

using bianmin::content::synthetic::county_group_id;
using bianmin::content::synthetic::county_village_id;

// The shared synthetic county, plus a department with 50 guides and a remark on every tenth row.
ContentSet county(int total_rows) {
  ContentSet c = bianmin::content::synthetic::county_funds(total_rows);
  c.departments.push_back(Department{"nongye", "农业农村局", "农业", "0938-1", "1号窗口"});
  for (int i = 0; i < 50; ++i) {
    ServiceGuide g;
    g.code = "62052400NY-JF-" + std::to_string(1000 + i);
    g.name = "补贴申领" + std::to_string(i);
    g.department_id = "nongye";
    g.materials.resize(4, Material{"身份证", "自备", "原件", 1, "纸质", true, "", "", false, false});
    g.process.resize(3, ProcessStep{"受理", "窗口", "审核", "1个工作日"});
    c.guides.push_back(g);
  }
  for (auto& fund : c.funds)
    for (size_t i = 0; i < fund.rows.size(); i += 10) fund.rows[i].remark = "补发";
  c.content_version = "bench";
  return c;
}

// Times `fn` over `n` calls; reports p50 and p99 in ms.
template <typename Fn>
void timed(const std::string& name, int n, Fn fn) {
  std::vector<double> samples;
  for (int i = 0; i < n; ++i) {
    auto t0 = Clock::now();
    fn(i);
    samples.push_back(ms_since(t0));
  }
  bianmin::bench::figure(name + "_p50", bianmin::bench::percentile(samples, 50), "ms");
  bianmin::bench::figure(name + "_p99", bianmin::bench::percentile(samples, 99), "ms");
}

int bench_store(const std::vector<std::string>& args) {
  int rows = 1000000;
  std::filesystem::path keep;
  bool reuse = false;
  for (size_t i = 0; i + 1 < args.size(); i += 2) {
    if (args[i] == "--rows") rows = std::stoi(args[i + 1]);
    if (args[i] == "--keep") keep = args[i + 1];
    if (args[i] == "--open") {  // read an existing bench cache (made with --keep) without writing
      keep = args[i + 1];
      reuse = true;
    }
  }
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "bianmin-bench-store";
  std::filesystem::create_directories(dir);
  std::filesystem::path file = keep.empty() ? dir / "county.db" : keep;

  auto t0 = Clock::now();
  if (!reuse) {
    ContentSet set = county(rows);
    t0 = Clock::now();
    bianmin::Status st = write_cache(set, file);
    if (!st) {
      std::fprintf(stderr, "write_cache: %s\n", st.error().to_string().c_str());
      return 1;
    }
    bianmin::bench::figure("write_cache_rows", rows, "rows");
    bianmin::bench::figure("write_cache", ms_since(t0) / 1000.0, "s");
  }
  bianmin::bench::figure("file_size", static_cast<double>(std::filesystem::file_size(file)) / 1e6, "MB");

  t0 = Clock::now();
  auto opened = Store::open_readonly(file);
  if (!opened) {
    std::fprintf(stderr, "open: %s\n", opened.error().to_string().c_str());
    return 1;
  }
  bianmin::bench::figure("open_readonly", ms_since(t0), "ms");
  Store& store = **opened;
  // What the kiosk adds to each open (and its idle recheck): every page read once.
  bianmin::bench::figure("cache_bytes", static_cast<double>(std::filesystem::file_size(file)) / 1e6, "MB");
  timed("check_intact", 3, [&](int) {
    if (!store.check_intact()) std::fprintf(stderr, "check_intact failed\n");
  });
  const int per_fund = rows / 4;

  // Scrolling a village's table (5,000 rows at the default size) page by page, to its end.
  const int village_rows = store.fund_totals("fund-1", "v107", "").rows;
  bianmin::bench::figure("village_rows", village_rows, "rows");
  timed("fund_rows_village_page50_scroll", std::max(1, village_rows / 50),
        [&](int i) { (void)store.fund_rows("fund-1", "v107", "", i * 50, 50); });
  timed("fund_rows_group_page50", 50,
        [&](int i) { (void)store.fund_rows("fund-2", county_village_id(i % 50), county_group_id(i % 10), 0, 50); });
  timed("fund_rows_all_page50_start", 50, [&](int i) { (void)store.fund_rows("fund-0", "", "", i * 50, 50); });
  // Jumping to a far offset (no earlier page to continue from) walks the rows before it …
  timed("fund_rows_all_page50_jump_end", 20, [&](int i) {
    (void)store.fund_rows("fund-" + std::to_string(i % 4), "", "", per_fund - 50 * (i / 4 + 1), 50);
  });
  // … scrolling on from there continues after the last page's row_no.
  timed("fund_rows_all_page50_scroll_deep", 200,
        [&](int i) { (void)store.fund_rows("fund-0", "", "", per_fund / 2 + 50 * i, 50); });
  timed("fund_rows_village_whole_table", 5, [&](int) { (void)store.fund_rows("fund-3", "v120", "", 0, -1); });
  timed("fund_totals_publication", 50,
        [&](int i) { (void)store.fund_totals("fund-" + std::to_string(i % 4), "", ""); });
  timed("fund_totals_village", 50, [&](int i) { (void)store.fund_totals("fund-1", county_village_id(i % 50), ""); });
  timed("fund_totals_group", 50,
        [&](int i) { (void)store.fund_totals("fund-1", county_village_id(i % 50), county_group_id(i % 10)); });
  timed("funds_for_village", 50,
        [&](int i) { (void)store.funds_for_village(county_village_id(i % 50), "2026-11-12"); });
  timed("guide", 50, [&](int i) { (void)store.guide("62052400NY-JF-" + std::to_string(1000 + i)); });
  timed("guides_all", 20, [&](int) { (void)store.guides_all(); });

  opened->reset();
  if (keep.empty()) std::filesystem::remove_all(dir);
  return 0;
}

BIANMIN_BENCH("store", "county-sized content cache: write, page fund rows, totals", bench_store);

}  // namespace
