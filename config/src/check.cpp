// --check-config for bianmin-kiosk, bianmin-sync, bianmin-hub and bianmin-config.
#include "bianmin/config/check.hpp"

#include "bianmin/config/hub_config.hpp"
#include "bianmin/config/kiosk_config.hpp"

namespace bianmin::config {
namespace {

template <class L>
int report(const std::filesystem::path& path, const L& loaded, std::ostream& out) {
  if (loaded.ok()) {
    out << "配置正确: " << path.string() << "\n";
    return 0;
  }
  out << format_problems(loaded.problems);
  out << path.string() << ": " << loaded.problems.size() << " 个问题，请改正后重试\n";
  return 1;
}

}  // namespace

int check_kiosk_config_main(const std::filesystem::path& path, std::ostream& out) {
  return report(path, load_kiosk_config(path), out);
}

int check_hub_config_main(const std::filesystem::path& path, std::ostream& out) {
  return report(path, load_hub_config(path), out);
}

}  // namespace bianmin::config
