// A private PostgreSQL server for tests and the bench (see pg_scratch.hpp).
#include "pg_scratch.hpp"

#include <libpq-fe.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <vector>

#include "bianmin/base/process.hpp"

namespace bianmin::hub {

namespace fs = std::filesystem;

namespace {
// Debian installs each major version's binaries in their own folder; the newest wins.
fs::path server_bin() {
  fs::path best;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec))
    if (fs::exists(e.path() / "bin/initdb") && (best.empty() || e.path().filename() > best.parent_path().filename()))
      best = e.path() / "bin";
  return best;
}

std::vector<std::string> as_user(bool as_postgres, std::vector<std::string> argv) {
  if (!as_postgres) return argv;
  std::vector<std::string> out{"/usr/sbin/runuser", "-u", "postgres", "--"};
  out.insert(out.end(), argv.begin(), argv.end());
  return out;
}
}  // namespace

Result<std::unique_ptr<ScratchPostgres>> ScratchPostgres::start(bool fsync) {
  using R = Result<std::unique_ptr<ScratchPostgres>>;
  fs::path bin = server_bin();
  if (bin.empty()) return R::fail("no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)");
  char tmpl[] = "/tmp/bianmin-pg-XXXXXX";
  if (!mkdtemp(tmpl)) return R::fail("cannot make a temporary directory");
  const bool root = ::geteuid() == 0;
  if (root) {
    const passwd* pw = ::getpwnam("postgres");
    if (pw == nullptr || ::chown(tmpl, pw->pw_uid, pw->pw_gid) != 0) {
      fs::remove_all(tmpl);
      return R::fail("running as root needs the postgres system user (Debian's postgresql package)");
    }
  }
  std::unique_ptr<ScratchPostgres> pg(new ScratchPostgres(tmpl, bin, root));
  const fs::path data = pg->dir_ / "data";
  auto init = process::run(as_user(root, {(bin / "initdb").string(), "-D", data.string(), "-A", "trust", "-U",
                                          "postgres", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"}));
  if (!init || init->exit_code != 0) return R::fail("initdb failed: " + (init ? init->text : init.error().message));
  // Unix socket only, in our own directory; small, since a test asks little of it.
  auto started = process::run(
      as_user(root, {(bin / "pg_ctl").string(), "start", "-w", "-t", "30", "-D", data.string(), "-l",
                     (pg->dir_ / "server.log").string(), "-o",
                     "-c listen_addresses='' -k " + pg->dir_.string() +
                         " -c shared_buffers=32MB -c max_connections=60" + (fsync ? "" : " -c fsync=off")}));
  if (!started || started->exit_code != 0) {
    std::ifstream log(pg->dir_ / "server.log");
    std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    return R::fail("PostgreSQL did not start: " + (started ? started->text : started.error().message) + text);
  }
  return pg;
}

ScratchPostgres::~ScratchPostgres() {
  if (fs::exists(dir_ / "data/postmaster.pid"))
    (void)process::run(as_user(
        as_postgres_, {(bin_ / "pg_ctl").string(), "stop", "-w", "-m", "fast", "-D", (dir_ / "data").string()}));
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string ScratchPostgres::connection(const std::string& name) const {
  return "host=" + dir_.string() + " user=postgres dbname=" + name;
}

Result<std::string> ScratchPostgres::create_database(const std::string& name) {
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
      return Result<std::string>::fail("database names here are [a-z0-9_]: " + name);
  PGconn* c = PQconnectdb(connection("postgres").c_str());
  std::string error;
  if (PQstatus(c) != CONNECTION_OK) {
    error = PQerrorMessage(c);
  } else {
    PGresult* r = PQexec(c, ("CREATE DATABASE " + name).c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK) error = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(c);
  if (!error.empty()) return Result<std::string>::fail("cannot create database " + name + ": " + error);
  return connection(name);
}

Status ScratchPostgres::restart() {
  auto r =
      process::run(as_user(as_postgres_, {(bin_ / "pg_ctl").string(), "restart", "-w", "-t", "30", "-m", "immediate",
                                          "-D", (dir_ / "data").string(), "-l", (dir_ / "server.log").string()}));
  if (!r || r->exit_code != 0) return Status::fail("PostgreSQL did not restart: " + (r ? r->text : r.error().message));
  return Status::success();
}

int ScratchPostgres::server_pid() const {
  std::ifstream f(dir_ / "data/postmaster.pid");
  int pid = 0;
  f >> pid;
  return pid;
}

}  // namespace bianmin::hub
