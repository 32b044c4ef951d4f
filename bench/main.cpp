#include "bench.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace bianmin::bench {
namespace {
struct Entry {
  const char* summary;
  BenchFn fn;
};
std::map<std::string, Entry>& registry() {
  static std::map<std::string, Entry> r;
  return r;
}
}  // namespace

Registration::Registration(const char* name, const char* summary, BenchFn fn) { registry()[name] = Entry{summary, fn}; }

std::string option(const std::vector<std::string>& args, const std::string& name, const std::string& fallback) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == name) return args[i + 1];
  return fallback;
}

void figure(const std::string& name, double value, const std::string& unit) {
  std::printf("%s: %.3f %s\n", name.c_str(), value, unit.c_str());
  std::fflush(stdout);
}

double percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  size_t idx = static_cast<size_t>(p / 100.0 * static_cast<double>(samples.size() - 1) + 0.5);
  return samples[std::min(idx, samples.size() - 1)];
}

}  // namespace bianmin::bench

int main(int argc, char** argv) {
  using namespace bianmin::bench;
  if (argc < 2 || registry().find(argv[1]) == registry().end()) {
    std::fprintf(stderr, "usage: bianmin-bench PART [options]\nparts:\n");
    for (const auto& [name, e] : registry()) std::fprintf(stderr, "  %-8s %s\n", name.c_str(), e.summary);
    return 2;
  }
  std::vector<std::string> args(argv + 2, argv + argc);
  return registry()[argv[1]].fn(args);
}
