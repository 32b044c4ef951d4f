// The soak walk (bianmin-bench soak, bench/bench_soak.cpp) as a test: a seeded random walk over
// every route of the demo township with live content swaps, run in the build tree it was built
// in. deploy/run-tests.sh also runs it in the AddressSanitizer + UBSan tree (build-asan), where
// a use-after-free such as issue 19's memo eviction is a crash even when it reads valid-looking
// memory. Only crashes and bounds are checked here; speed and RSS growth are the benchmark's.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "kiosk_test_support.hpp"

using namespace bianmin::test;

namespace {

double figure(const std::string& output, const std::string& name) {
  const auto at = output.find("\n" + name + ": ");
  if (at == std::string::npos) return -1;
  return std::atof(output.c_str() + at + name.size() + 3);
}

}  // namespace

TEST_CASE("the soak walk runs its steps through every kind of screen without a crash") {
  const std::string steps = std::to_string(BIANMIN_SOAK_STEPS);
  auto r = run({(binary_dir() / "bench" / "bianmin-bench").string(), "soak", "--steps", steps, "--seed", "19",
                "--max-crashes", "0", "--progress", "5000"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(figure(r.output, "soak.crashes") == 0);
  CHECK(figure(r.output, "soak.steps") == BIANMIN_SOAK_STEPS);
  CHECK(figure(r.output, "soak.swaps") >= BIANMIN_SOAK_STEPS / 1000);
  // The walk reaches most of the content, not just a corner of it.
  CHECK(figure(r.output, "soak.routes_visited") > 0.5 * figure(r.output, "soak.routes_total"));
  // Content swaps and elder toggles rebuild the atlas; back on the same content and mode it is
  // the size it was at the start (a few characters drawn on the way may have been added).
  CHECK(figure(r.output, "soak.atlas_end_height") <= 1.1 * figure(r.output, "soak.atlas_start_height"));
  CHECK(figure(r.output, "soak.atlas_max_height") <= 4096);
}
