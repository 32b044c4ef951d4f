// bianmin-test-postgres: a private PostgreSQL for the browser tests (console_harness.py), the
// same server the C++ tests start (sync/hub/pg_scratch.hpp). It creates the database "hub",
// prints its libpq connection string on one line, and stops the server and removes its
// directory when its standard input closes or it is told to stop (SIGTERM, SIGINT): the test
// ended, however it ended. Not installed; never for production.
#include <signal.h>
#include <unistd.h>

#include <cstdio>

#include "pg_scratch.hpp"

namespace {
void on_stop(int) {}  // only to interrupt read(): the server is stopped by the destructor
}  // namespace

int main() {
  struct sigaction sa {};
  sa.sa_handler = on_stop;  // no SA_RESTART: read() returns with EINTR
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  auto pg = bianmin::hub::ScratchPostgres::start(false);
  if (!pg) {
    std::fprintf(stderr, "bianmin-test-postgres: %s\n", pg.error().message.c_str());
    return 1;
  }
  auto conn = (*pg)->create_database("hub");
  if (!conn) {
    std::fprintf(stderr, "bianmin-test-postgres: %s\n", conn.error().message.c_str());
    return 1;
  }
  std::printf("%s\n", conn->c_str());
  std::fflush(stdout);
  char buf[256];
  while (::read(0, buf, sizeof buf) > 0) {
  }
  return 0;
}
