#include "bianmin/printing/sandbox.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "bianmin/base/process.hpp"

namespace bianmin::printing::sandbox {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

bool write_text(const fs::path& p, const std::string& text, fs::perms perms) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return false;
  std::error_code ec;
  fs::permissions(p, perms, ec);
  return !ec;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs argv (no shell) with CUPS_SERVER set, capturing stdout and stderr.
Result<std::string> run_tool(const std::vector<std::string>& argv, const std::string& server) {
  auto r = process::run(argv, {{"CUPS_SERVER", server}});
  if (!r) return r.error();
  if (r->exit_code != 0) return Result<std::string>::fail(argv[0] + " failed: " + r->text);
  return r->text;
}

bool socket_answers(const std::string& path) {
  const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// The test backend: reports the keyword from its URI as a printer-state-reason, then waits
// like a printer waiting for paper (until the job is cancelled). Without arguments it lists
// nothing (device discovery).
constexpr const char* kFaultBackend = R"(#!/bin/sh
[ $# -eq 0 ] && exit 0
reason=${DEVICE_URI#*://}
echo "STATE: +$reason" >&2
echo "INFO: fault injected: $reason" >&2
exec sleep 3600
)";

}  // namespace

PrivateCupsd::PrivateCupsd(fs::path dir) : dir_(std::move(dir)) { socket_ = (dir_ / "cups.sock").string(); }

PrivateCupsd::~PrivateCupsd() { stop(); }

Status PrivateCupsd::start(std::chrono::milliseconds wait) {
  if (pid_ > 0) return Status::success();
  if (geteuid() != 0) return Status::fail("a private cupsd needs root (it runs backends as lp)");
  std::error_code ec;
  for (const char* sub : {"conf", "spool", "spool/tmp", "cache", "state", "log", "bin", "bin/backend"})
    fs::create_directories(dir_ / sub, ec);
  if (ec) return Status::fail("cannot create " + ec.message(), dir_.string());
  // cupsd drops to lp for backends and filters: they must reach the spool through `dir`.
  fs::permissions(dir_,
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                      fs::perms::others_exec,
                  ec);
  fs::permissions(dir_ / "spool/tmp", fs::perms::all | fs::perms::sticky_bit, ec);
  // ...and through every folder above it (a private temp dir is often 0700): grant search
  // (x) only, never read, on the ones we own.
  for (fs::path p = fs::absolute(dir_).parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
    struct stat st {};
    if (stat(p.c_str(), &st) != 0) break;
    if (!(st.st_mode & S_IXOTH) && st.st_uid == geteuid())
      fs::permissions(p, fs::perms::others_exec | fs::perms::group_exec, fs::perm_options::add, ec);
  }

  // ServerBin: the system's helpers, plus our fault backend next to the real backends.
  const fs::path sys = "/usr/lib/cups";
  for (const char* sub : {"cgi-bin", "daemon", "driver", "filter", "monitor", "notifier"})
    if (fs::exists(sys / sub) && !fs::exists(dir_ / "bin" / sub))
      fs::create_directory_symlink(sys / sub, dir_ / "bin" / sub, ec);
  for (const auto& e : fs::directory_iterator(sys / "backend", ec)) {
    const fs::path link = dir_ / "bin/backend" / e.path().filename();
    if (!fs::exists(fs::symlink_status(link))) fs::create_symlink(fs::canonical(e.path()), link, ec);
  }
  const auto exec755 = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                       fs::perms::others_exec;
  if (!write_text(dir_ / "bin/backend/bianmin-fault", kFaultBackend, exec755))
    return Status::fail("cannot write the fault backend", dir_.string());

  const std::string d = dir_.string();
  const std::string files = "ServerRoot " + d +
                            "/conf\n"
                            "RequestRoot " +
                            d +
                            "/spool\n"
                            "TempDir " +
                            d +
                            "/spool/tmp\n"
                            "CacheDir " +
                            d +
                            "/cache\n"
                            "StateDir " +
                            d +
                            "/state\n"
                            "ServerBin " +
                            d +
                            "/bin\n"
                            "DataDir /usr/share/cups\n"
                            "AccessLog " +
                            d +
                            "/log/access_log\n"
                            "ErrorLog " +
                            d +
                            "/log/error_log\n"
                            "PageLog " +
                            d +
                            "/log/page_log\n"
                            // Our own file: the system's /run/cups/printcap is not ours to rewrite, and cupsd
                            // 2.4.2-3+deb12u10 refuses an empty "Printcap" line.
                            "Printcap " +
                            d +
                            "/state/printcap\n"
                            "User lp\n"
                            "Group lp\n"
                            "SystemGroup root\n"
                            "FileDevice Yes\n"
                            "Sandboxing Relaxed\n";
  // Nobody but this machine's root can reach the socket; no authentication needed.
  const std::string conf =
      "LogLevel debug\n"
      "Listen " +
      socket_ +
      "\n"
      "Browsing No\n"
      "BrowseLocalProtocols none\n"
      "WebInterface No\n"
      "DefaultShared No\n"
      "DefaultAuthType None\n"
      "PreserveJobHistory Yes\n"
      "JobRetryInterval 5\n"
      "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
      "<Policy default>\n  <Limit All>\n    Order allow,deny\n    Allow all\n  </Limit>\n</Policy>\n";
  const auto rw644 = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read;
  if (!write_text(dir_ / "conf/cups-files.conf", files, rw644) || !write_text(dir_ / "conf/cupsd.conf", conf, rw644))
    return Status::fail("cannot write the cupsd configuration", d);

  const std::string out = d + "/log/cupsd.out";
  const std::string conf_path = d + "/conf/cupsd.conf", files_path = d + "/conf/cups-files.conf";
  pid_ = fork();
  if (pid_ < 0) return Status::fail("fork failed");
  if (pid_ == 0) {
    setpgid(0, 0);                     // its own group, so stop() can reach every job process it leaves behind
    prctl(PR_SET_PDEATHSIG, SIGTERM);  // a test killed by a timeout takes its cupsd along
    const int fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execl("/usr/sbin/cupsd", "cupsd", "-f", "-c", conf_path.c_str(), "-s", files_path.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return Status::fail("cupsd exited: " + read_text(out) + error_log(), d);
    }
    if (socket_answers(socket_) && run_tool({"/usr/bin/lpstat", "-h", socket_, "-r"}, socket_).ok())
      return Status::success();
    std::this_thread::sleep_for(100ms);
  }
  stop();
  return Status::fail("cupsd did not answer in time: " + error_log(), d);
}

void PrivateCupsd::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);  // cupsd stops its jobs (and their backends) on the way out
  int status = 0;
  bool exited = false;
  for (int i = 0; i < 200 && !exited; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_)
      exited = true;
    else
      std::this_thread::sleep_for(50ms);
  }
  kill(-pid_, SIGKILL);  // anything left in its process group
  if (!exited) waitpid(pid_, &status, 0);
  pid_ = -1;
}

Status PrivateCupsd::add_queue(const std::string& name, const std::string& device_uri) {
  auto r = run_tool(
      {"/usr/sbin/lpadmin", "-h", socket_, "-p", name, "-v", device_uri, "-o", "printer-error-policy=abort-job", "-E"},
      socket_);
  if (!r) return Status::fail(r.error().message);
  return Status::success();
}

Status PrivateCupsd::queue_tool(const char* tool, const std::string& name) {
  auto r = run_tool({std::string("/usr/sbin/") + tool, "-h", socket_, name}, socket_);
  return r ? Status::success() : Status::fail(r.error().message);
}
Status PrivateCupsd::disable(const std::string& name) { return queue_tool("cupsdisable", name); }
Status PrivateCupsd::enable(const std::string& name) { return queue_tool("cupsenable", name); }
Status PrivateCupsd::reject(const std::string& name) { return queue_tool("cupsreject", name); }
Status PrivateCupsd::accept(const std::string& name) { return queue_tool("cupsaccept", name); }

Result<std::string> PrivateCupsd::client(const std::vector<std::string>& argv) const {
  std::vector<std::string> full = argv;
  if (!full.empty() && full[0].find('/') == std::string::npos) {
    const std::string name = full[0];
    full[0] = fs::exists("/usr/bin/" + name) ? "/usr/bin/" + name : "/usr/sbin/" + name;
  }
  return run_tool(full, socket_);
}

std::string PrivateCupsd::error_log() const { return read_text(dir_ / "log/error_log"); }

// --- parse_escpos -------------------------------------------------------------------------

Result<EscPosJob> parse_escpos(const std::string& b) {
  EscPosJob job;
  auto byte = [&](size_t i) { return static_cast<unsigned char>(b[i]); };
  auto fail = [&](size_t at, const std::string& what) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "offset %zu (0x%02X): ", at, at < b.size() ? byte(at) : 0u);
    return Result<EscPosJob>::fail(buf + what);
  };
  size_t i = 0;
  while (i < b.size()) {
    const unsigned char c = byte(i);
    if (c == 0x1B && i + 1 < b.size() && b[i + 1] == '@') {
      job.commands.push_back("ESC @");
      i += 2;
    } else if (c == 0x1B && i + 2 < b.size() && b[i + 1] == 'd') {
      job.commands.push_back("ESC d " + std::to_string(byte(i + 2)));
      job.fed_lines += byte(i + 2);
      i += 3;
    } else if (c == 0x1D && i + 7 < b.size() && b[i + 1] == 'v' && b[i + 2] == '0') {
      if (byte(i + 3) > 3 && !(byte(i + 3) >= '0' && byte(i + 3) <= '3'))
        return fail(i, "GS v 0 with mode " + std::to_string(byte(i + 3)));
      const int x = byte(i + 4) | byte(i + 5) << 8;  // bytes per row
      const int y = byte(i + 6) | byte(i + 7) << 8;  // rows
      const size_t n = static_cast<size_t>(x) * y;
      if (x == 0 || y == 0) return fail(i, "GS v 0 with an empty image");
      if (i + 8 + n > b.size()) return fail(i, "GS v 0 image truncated");
      if (job.raster.stride != 0 && job.raster.stride != x)
        return fail(i, "GS v 0 band " + std::to_string(x * 8) + " dots wide after " + std::to_string(job.raster.width) +
                           " dots");
      job.raster.stride = x;
      job.raster.width = x * 8;
      job.raster.height += y;
      job.raster.bits.insert(job.raster.bits.end(), b.begin() + static_cast<long>(i + 8),
                             b.begin() + static_cast<long>(i + 8 + n));
      ++job.bands;
      job.commands.push_back("GS v 0");
      i += 8 + n;
    } else if (c == 0x1D && i + 1 < b.size() && b[i + 1] == 'V') {
      if (i + 2 >= b.size()) return fail(i, "GS V truncated");
      const unsigned char m = byte(i + 2);
      if (m == 0 || m == 1 || m == 48 || m == 49) {
        job.commands.push_back("GS V " + std::to_string(m));
        i += 3;
      } else if ((m == 65 || m == 66) && i + 3 < b.size()) {
        job.commands.push_back("GS V " + std::to_string(m) + " " + std::to_string(byte(i + 3)));
        i += 4;
      } else {
        return fail(i, "GS V with mode " + std::to_string(m));
      }
    } else {
      return fail(i, "not a command this printer knows");
    }
  }
  job.ends_with_cut = !job.commands.empty() && job.commands.back().rfind("GS V", 0) == 0;
  return job;
}

// --- ReceiptListener -----------------------------------------------------------------------

ReceiptListener::ReceiptListener(Mode mode) : mode_(mode) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;  // ephemeral
  if (listen_fd_ >= 0 && bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      listen(listen_fd_, 8) == 0) {
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  if (pipe2(wake_, O_CLOEXEC) != 0) wake_[0] = wake_[1] = -1;
  thread_ = std::thread([this] { serve(); });
}

ReceiptListener::~ReceiptListener() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    stop_ = true;
  }
  if (wake_[1] >= 0) (void)!write(wake_[1], "x", 1);
  if (thread_.joinable()) thread_.join();
  if (listen_fd_ >= 0) close(listen_fd_);
  for (int fd : held_) close(fd);
  for (int fd : wake_)
    if (fd >= 0) close(fd);
}

std::string ReceiptListener::device_uri() const { return "socket://127.0.0.1:" + std::to_string(port_); }

void ReceiptListener::refuse() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    if (listen_fd_ < 0) return;
  }
  // The serving thread owns the descriptor: ask it to close and wait until it did.
  if (wake_[1] >= 0) (void)!write(wake_[1], "r", 1);
  std::unique_lock<std::mutex> lk(mu_);
  cv_.wait_for(lk, 10s, [this] { return listen_fd_ < 0; });
}

bool ReceiptListener::wait_for(size_t n, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lk(mu_);
  return cv_.wait_for(lk, timeout, [&] { return (mode_ == Mode::Print ? received_.size() : accepted_) >= n; });
}

std::vector<std::string> ReceiptListener::received() const {
  std::lock_guard<std::mutex> lk(mu_);
  return received_;
}

size_t ReceiptListener::accepted() const {
  std::lock_guard<std::mutex> lk(mu_);
  return accepted_;
}

size_t ReceiptListener::connections() const {
  std::lock_guard<std::mutex> lk(mu_);
  return connections_;
}

size_t ReceiptListener::status_requests() const {
  std::lock_guard<std::mutex> lk(mu_);
  return status_requests_;
}

void ReceiptListener::serve() {
  struct Client {
    int fd;
    std::string bytes;
    bool job = false;  // sent something besides status requests
  };
  std::vector<Client> clients;
  for (;;) {
    std::vector<pollfd> pfds;
    pfds.push_back({wake_[0], POLLIN, 0});
    int lfd;
    {
      std::lock_guard<std::mutex> lk(mu_);
      if (stop_) break;
      lfd = listen_fd_;
    }
    if (lfd >= 0) pfds.push_back({lfd, POLLIN, 0});
    const size_t first_client = pfds.size();
    for (const auto& c : clients) pfds.push_back({c.fd, POLLIN, 0});
    if (poll(pfds.data(), pfds.size(), 1000) < 0 && errno != EINTR) break;
    if (pfds[0].revents & POLLIN) {
      char cmd[16];
      const ssize_t n = read(wake_[0], cmd, sizeof cmd);
      for (ssize_t i = 0; i < n; ++i)
        if (cmd[i] == 'r') {
          std::lock_guard<std::mutex> lk(mu_);
          if (listen_fd_ >= 0) close(listen_fd_);
          listen_fd_ = -1;
          lfd = -1;
          cv_.notify_all();
        }
    }
    if (lfd >= 0 && pfds.size() > 1 && pfds[1].fd == lfd && (pfds[1].revents & POLLIN)) {
      const int fd = accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        std::lock_guard<std::mutex> lk(mu_);
        ++connections_;
        if (mode_ == Mode::Hang) {
          ++accepted_;
          held_.push_back(fd);
        } else {
          clients.push_back({fd, {}});
        }
        cv_.notify_all();
      }
    }
    for (size_t i = first_client; i < pfds.size(); ++i) {
      if (!(pfds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Client& c = clients[i - first_client];
      char buf[65536];
      const ssize_t n = read(c.fd, buf, sizeof buf);
      if (n > 0) {
        c.bytes.append(buf, static_cast<size_t>(n));
        // Real-time status requests (DLE EOT n) before any job data are answered like a
        // printer that is online with paper: one status byte, 0x12 (the fixed bits only).
        while (!c.job && c.bytes.size() >= 3 && c.bytes[0] == 0x10 && c.bytes[1] == 0x04) {
          const char online = 0x12;
          (void)!write(c.fd, &online, 1);
          c.bytes.erase(0, 3);
          std::lock_guard<std::mutex> lk(mu_);
          ++status_requests_;
        }
        if (!c.job && !c.bytes.empty() && !(c.bytes.size() < 3 && c.bytes[0] == 0x10)) {
          c.job = true;
          std::lock_guard<std::mutex> lk(mu_);
          ++accepted_;
          cv_.notify_all();
        }
      } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        close(c.fd);  // the end of the job: the backend sees EOF and reports success
        std::lock_guard<std::mutex> lk(mu_);
        if (c.job) received_.push_back(std::move(c.bytes));
        c.fd = -1;
        cv_.notify_all();
      }
    }
    std::erase_if(clients, [](const Client& c) { return c.fd < 0; });
  }
  for (auto& c : clients) close(c.fd);
}

}  // namespace bianmin::printing::sandbox
