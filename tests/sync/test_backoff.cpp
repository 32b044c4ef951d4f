// Retry delays of the agent: exponential, capped, and jittered so that a village of terminals
// that lost the network together does not come back in step.
#include <doctest/doctest.h>

#include <set>

#include "bianmin/sync/agent.hpp"

using bianmin::sync::backoff_seconds;

TEST_CASE("backoff doubles from the base up to the cap, each delay in [d/2, d]") {
  for (int attempt = 1; attempt <= 12; ++attempt) {
    double d = 30;
    for (int i = 1; i < attempt; ++i) d = std::min(d * 2, 3600.0);
    for (int k = 0; k < 50; ++k) {
      double s = backoff_seconds(attempt, 30, 3600);
      CHECK(s >= d / 2);
      CHECK(s <= d);
    }
  }
}

TEST_CASE("backoff is jittered: many terminals do not pick the same delay") {
  std::set<long> distinct;
  for (int i = 0; i < 100; ++i) distinct.insert(static_cast<long>(backoff_seconds(3, 30, 3600) * 1000));
  CHECK(distinct.size() > 50);
}
