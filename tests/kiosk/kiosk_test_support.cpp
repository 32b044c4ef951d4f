#include "kiosk_test_support.hpp"

#include <stb/stb_image.h>

#include <cstdlib>
#include <set>
#include <stdexcept>

#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/synthetic.hpp"
#include "content/fixture_content.hpp"

namespace bianmin::test {

content::ContentSet kiosk_content(bool big) {
  content::ContentSet set = fixture_content();
  if (big) {
    content::FundPublication f =
        content::synthetic::household_fund(kBigFundId, set.site.villages.front(), kBigFundRows);
    f.title = "2026年大型补贴发放公示";
    f.department_id = set.departments.front().id;
    f.catalogue_id = set.funds.front().catalogue_id;
    set.funds.push_back(f);
  }
  return set;
}

void write_kiosk_cache(const std::filesystem::path& path, bool big) {
  Status st = content::write_cache(kiosk_content(big), path);
  if (!st) throw std::runtime_error("write_cache: " + st.error().to_string());
}

std::filesystem::path kiosk_binary() { return binary_dir() / "kiosk" / "bianmin-kiosk"; }

RunResult run_kiosk(const TempDir& dir, const std::filesystem::path& cache, std::vector<std::string> args) {
  std::vector<std::string> argv = {
      kiosk_binary().string(), "--headless", "--content", cache.string(), "--today",
      kFixtureToday,           "--time",     "10:30",     "--state-dir",  (dir.path() / "state").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

RunResult run_script(const TempDir& dir, const std::filesystem::path& cache, const std::string& script,
                     std::vector<std::string> extra) {
  const auto file = dir / "steps.txt";
  write_file(file, script);
  extra.push_back("--script");
  extra.push_back(file.string());
  return run_kiosk(dir, cache, extra);
}

std::vector<sync::Event> outbox_events(const TempDir& dir) {
  auto ob = sync::Outbox::open(dir.path() / "state" / "outbox.db");
  if (!ob) throw std::runtime_error("outbox: " + ob.error().to_string());
  auto batch = (*ob)->take_batch(1000);
  if (!batch) throw std::runtime_error("outbox: " + batch.error().to_string());
  std::vector<sync::Event> out;
  for (const auto& e : batch->events) out.push_back(e.event);
  return out;
}

size_t Image::distinct_colors() const {
  std::set<unsigned> c;
  for (size_t i = 0; i + 3 < rgba.size() && c.size() < 4096; i += 4)
    c.insert((rgba[i] >> 4) << 8 | (rgba[i + 1] >> 4) << 4 | (rgba[i + 2] >> 4));
  return c.size();
}

double Image::fraction_of(unsigned rgb, int tol) const {
  const int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
  size_t n = 0, total = 0;
  for (size_t i = 0; i + 3 < rgba.size(); i += 4, ++total)
    if (std::abs(rgba[i] - r) <= tol && std::abs(rgba[i + 1] - g) <= tol && std::abs(rgba[i + 2] - b) <= tol) ++n;
  return total ? static_cast<double>(n) / static_cast<double>(total) : 0;
}

Image load_png(const std::filesystem::path& path) {
  Image img;
  int n = 0;
  unsigned char* p = stbi_load(path.c_str(), &img.w, &img.h, &n, 4);
  if (!p) throw std::runtime_error("cannot load " + path.string());
  img.rgba.assign(p, p + static_cast<size_t>(img.w) * img.h * 4);
  stbi_image_free(p);
  return img;
}

}  // namespace bianmin::test
