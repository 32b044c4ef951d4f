// A private PostgreSQL server for tests and the bench (see pg_scratch.hpp).
#include "pg_scratch.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
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

// The watchdog's program: `read` returns at EOF, when no write end of its stdin is left (the
// owner closed it in its destructor, or died). $1 is the directory, the rest the stop command.
constexpr const char* kWatchdogScript =
    "read -r _\n"
    "d=$1; shift\n"
    "[ -e \"$d\" ] || exit 0\n"  // the destructor already cleaned up
    "[ -f \"$d/data/postmaster.pid\" ] && \"$@\"\n"
    "rm -rf \"$d\"\n";

// Starts the watchdog for `dir` (see pg_scratch.hpp); returns the write end of its pipe, or -1.
int start_watchdog(const fs::path& dir, const std::vector<std::string>& stop) {
  // Everything the children need is built before fork: between fork and exec they only make
  // async-signal-safe calls (the owner may have other threads).
  std::vector<std::string> args{"/bin/sh", "-c", kWatchdogScript, "bianmin-pg-watchdog", dir.string()};
  args.insert(args.end(), stop.begin(), stop.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return -1;
  const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  const pid_t middle = ::fork();
  if (middle == 0) {
    // Forked twice and in its own session: the watchdog's parent is init (or a subreaper), so
    // neither a signal to our process group nor a kill of our process tree reaches it.
    const pid_t watchdog = ::fork();
    if (watchdog != 0) ::_exit(watchdog < 0 ? 1 : 0);
    ::setsid();
    if (::chdir("/") != 0) ::_exit(1);
    ::dup2(fds[0], 0);  // dup2 leaves the copy without close-on-exec; the write end closes at exec
    if (null_fd >= 0) {
      ::dup2(null_fd, 1);
      ::dup2(null_fd, 2);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[0]);
  if (null_fd >= 0) ::close(null_fd);
  int status = 0;
  while (middle > 0 && ::waitpid(middle, &status, 0) < 0 && errno == EINTR) {
  }
  if (middle < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    ::close(fds[1]);
    return -1;
  }
  return fds[1];
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
  // Before initdb: a process that dies during the few seconds of setup leaves nothing either.
  pg->watchdog_fd_ = start_watchdog(pg->dir_, as_user(root, {(bin / "pg_ctl").string(), "stop", "-w", "-t", "30", "-m",
                                                             "immediate", "-D", data.string()}));
  if (pg->watchdog_fd_ < 0) return R::fail("cannot start the scratch server's watchdog (fork failed)");
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
  if (watchdog_fd_ >= 0) ::close(watchdog_fd_);  // the watchdog finds nothing left and exits
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
