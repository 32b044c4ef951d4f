// A private PostgreSQL server for the tests and bianmin-bench (never for production): Debian's
// server binaries (/usr/lib/postgresql/<v>/bin) run initdb in a new temporary directory and
// start postgres listening only on a unix socket inside it (no TCP port, nothing shared with
// the machine's own cluster). As root they run as the `postgres` system user (initdb refuses
// root) through runuser, with the directory handed to that user.
//
// Promises: start() fails with the server's own words when it cannot start (a test fails, it
// does not skip); the destructor stops the server and removes the directory. When the owning
// process dies without running the destructor (abort, SIGKILL, a sanitizer's exit, a timeout
// kill of its whole process tree), a watchdog stops the server at once (pg_ctl stop -m
// immediate) and removes the directory within seconds: no postmaster and no /tmp/bianmin-pg-*
// is left behind. The watchdog is a shell started at start(), outside the owner's process tree
// and session, that waits for EOF on a pipe whose only write end the owner holds (close-on-exec,
// so programs the owner runs never keep it open).
#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "bianmin/base/result.hpp"

namespace bianmin::hub {

class ScratchPostgres {
 public:
  // `fsync` false: the server never waits for the disk (tests: a server process that dies
  // keeps what it wrote in the page cache, only a power cut would lose it); the bench keeps it.
  static Result<std::unique_ptr<ScratchPostgres>> start(bool fsync = true);
  ~ScratchPostgres();
  ScratchPostgres(const ScratchPostgres&) = delete;
  ScratchPostgres& operator=(const ScratchPostgres&) = delete;

  // Creates an empty database `name` ([a-z0-9_]) and returns its libpq connection string.
  Result<std::string> create_database(const std::string& name);
  // The connection string of database `name` on this server.
  std::string connection(const std::string& name) const;
  // Stops the server at once (as a crash would: every connection cut, no shutdown checkpoint)
  // and starts it again on the same socket (crash recovery replays the WAL).
  Status restart();
  // The server's process id (the bench measures its memory).
  int server_pid() const;
  // The private directory: the unix socket, data/ and server.log.
  const std::filesystem::path& dir() const { return dir_; }

 private:
  ScratchPostgres(std::filesystem::path dir, std::filesystem::path bin, bool as_postgres)
      : dir_(std::move(dir)), bin_(std::move(bin)), as_postgres_(as_postgres) {}
  std::filesystem::path dir_, bin_;
  bool as_postgres_;
  int watchdog_fd_ = -1;  // write end of the watchdog's pipe; closing it (or dying) fires it
};

}  // namespace bianmin::hub
