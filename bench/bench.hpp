// bianmin-bench: one benchmark executable for the whole project, a subcommand per part.
// Each subcommand lives in its own bench_<part>.cpp and registers itself with
// BIANMIN_BENCH("part", fn). Figures are printed one per line as `name: value unit`.
#pragma once
#include <string>
#include <vector>

namespace bianmin::bench {

using BenchFn = int (*)(const std::vector<std::string>& args);

struct Registration {
  Registration(const char* name, const char* summary, BenchFn fn);
};

// The value after `name` in args (`--terminals 500`), or fallback.
std::string option(const std::vector<std::string>& args, const std::string& name, const std::string& fallback);

// Prints one figure as `name: value unit`.
void figure(const std::string& name, double value, const std::string& unit);

// Returns the p-th percentile (0..100) of the samples (sorted copy).
double percentile(std::vector<double> samples, double p);

}  // namespace bianmin::bench

#define BIANMIN_BENCH_CAT2(a, b) a##b
#define BIANMIN_BENCH_CAT(a, b) BIANMIN_BENCH_CAT2(a, b)
#define BIANMIN_BENCH(name, summary, fn) \
  static ::bianmin::bench::Registration BIANMIN_BENCH_CAT(bench_reg_, __LINE__)(name, summary, fn)
