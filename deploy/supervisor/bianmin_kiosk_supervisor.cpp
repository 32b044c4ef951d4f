// bianmin-kiosk-supervisor: the main process of bianmin-kiosk.service. It runs cage (which runs
// the kiosk) and speaks to systemd for them.
//
//   bianmin-kiosk-supervisor [--grace SECONDS] -- cage [cage options] -- bianmin-kiosk ...
//   bianmin-kiosk-supervisor --report FILE      (ExecStopPost: print why the last run ended)
//
// Why it exists (deploy/README.md, "How the kiosk runs", says the same for maintainers):
//  * PAMName= gives cage a logind session (seat, DRM and input devices on real hardware), but
//    pam_systemd moves the service's processes into session-N.scope. systemd then ignores
//    READY=1 and WATCHDOG=1 from the kiosk (a grandchild in that scope), and WATCHDOG_PID names
//    the main process, not the kiosk. The one process systemd keeps listening to is the main
//    process (it watches that PID wherever it lives), so this program is the main process
//    (NotifyAccess=main) and relays the kiosk's messages: the kiosk's NOTIFY_SOCKET points at
//    a socket of ours in $RUNTIME_DIRECTORY, WATCHDOG_PID is removed for it (so the kiosk, not
//    cage, owns the watchdog), and READY=1 / WATCHDOG=1 / STATUS= go on to systemd from here.
//    A kiosk that stops pinging is therefore seen by systemd itself (WatchdogSec=).
//  * systemd's kill goes to the service's cgroup, which no longer holds cage and the kiosk.
//    So this program ends them itself: a stop asks the kiosk to quit first (cage then leaves on
//    its own, cleanly), then cage, then kills what is left; systemd's watchdog signal (SIGABRT)
//    kills them at once (a frozen kiosk answers nothing). They run in their own process group,
//    die with us (PR_SET_PDEATHSIG), and we are their subreaper, so nothing outlives the unit.
//  * A requested stop ends with status 0 whatever cage did on the way out, so `systemctl stop`
//    leaves the unit inactive, not failed.
//  * Output of cage and the kiosk passes through here to the journal; the last lines and the
//    reason of an unexpected end are kept in $RUNTIME_DIRECTORY/last-exit, which ExecStopPost
//    (run in the service's own cgroup) prints, so the reason shows in `journalctl -u`.
//
// Exit status: 0 after a requested stop; cage's status when it ended on its own (128+signal);
// 70 when systemd's watchdog fired; 71 when cage could not be started at all.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr const char* kName = "bianmin-kiosk-supervisor";
constexpr size_t kKeepLines = 25;  // lines of cage's and the kiosk's output kept for the report

double now_s() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

void log(const std::string& msg) {
  std::string line = std::string(kName) + ": " + msg + "\n";
  ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;
}

// --report FILE: print FILE (written by an earlier run) and remove it. Run by ExecStopPost in the
// service's cgroup, so these lines are the unit's own in the journal.
int report(const char* path) {
  int fd = ::open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return 0;  // the last run ended as asked: nothing to say
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0 && text.size() < 64 * 1024) text.append(buf, static_cast<size_t>(n));
  ::close(fd);
  ::unlink(path);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

// The messages a kiosk may send on to systemd. MAINPID=, FDSTORE= and the like stay here: only
// this process speaks for the unit.
bool relayed(std::string_view line) {
  for (std::string_view p : {"READY=1", "WATCHDOG=1", "STOPPING=1", "RELOADING=1"})
    if (line == p) return true;
  for (std::string_view p : {"STATUS=", "ERRNO=", "EXTEND_TIMEOUT_USEC="})
    if (line.substr(0, p.size()) == p) return true;
  return false;
}

struct Supervisor {
  pid_t child = -1;  // cage
  pid_t kiosk = -1;  // the process that sent READY=1 through our socket
  bool child_done = false;
  int child_status = 0;
  bool stopping = false;  // SIGTERM/SIGINT/SIGHUP from systemd: a requested stop
  bool watchdog = false;  // SIGABRT: systemd's WatchdogSignal
  bool ready = false;
  double stop_started = 0;
  int stop_stage = 0;  // 1 kiosk asked, 2 cage asked, 3 killed
  double grace = 5;    // seconds per stop stage
  std::string relay_path;
  std::string report_path;
  std::deque<std::string> last_lines;
  std::string partial;  // output not yet ended by a newline

  void keep_output(const char* data, size_t n) {
    partial.append(data, n);
    size_t start = 0, nl;
    while ((nl = partial.find('\n', start)) != std::string::npos) {
      last_lines.emplace_back(partial.substr(start, nl - start));
      if (last_lines.size() > kKeepLines) last_lines.pop_front();
      start = nl + 1;
    }
    partial.erase(0, start);
    if (partial.size() > 4096) partial.clear();
  }

  void kill_group(int sig) {
    if (child > 0) ::kill(-child, sig);
    if (kiosk > 0) ::kill(kiosk, sig);  // in case cage ever puts it in a group of its own
  }

  void begin_stop(const char* why) {
    if (stopping) return;
    stopping = true;
    stop_started = now_s();
    sd_notify(0, "STOPPING=1");
    log(std::string("stopping (") + why + ")");
    // The kiosk first: cage leaves by itself once its only client is gone.
    if (kiosk > 0 && ::kill(kiosk, SIGTERM) == 0)
      stop_stage = 1;
    else {
      if (child > 0) ::kill(child, SIGTERM);
      stop_stage = 2;
    }
  }

  void step_stop() {
    if (!stopping || child_done) return;
    double t = now_s() - stop_started;
    if (stop_stage == 1 && t >= grace) {
      log("the kiosk did not quit; asking cage");
      if (child > 0) ::kill(child, SIGTERM);
      stop_stage = 2;
    } else if (stop_stage == 2 && t >= 2 * grace) {
      log("cage did not quit; killing cage and the kiosk");
      kill_group(SIGCONT);
      kill_group(SIGKILL);
      stop_stage = 3;
    }
  }

  void on_relay_message(int fd) {
    char buf[4096];
    // Room for the sender's credentials and a few descriptors (systemd-notify sends a BARRIER=1
    // pipe and waits for it to be closed: it is).
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred)) + CMSG_SPACE(sizeof(int) * 16)];
    iovec iov{buf, sizeof buf - 1};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n = ::recvmsg(fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
    if (n <= 0) return;
    pid_t sender = -1;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
        ucred cred{};
        std::memcpy(&cred, CMSG_DATA(c), sizeof cred);
        sender = cred.pid;
      } else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
        // No file descriptors are relayed; close any that were sent.
        size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < count; ++i) {
          int passed;
          std::memcpy(&passed, CMSG_DATA(c) + i * sizeof(int), sizeof passed);
          ::close(passed);
        }
      }
    }
    std::string out;
    std::string_view text(buf, static_cast<size_t>(n));
    while (!text.empty()) {
      size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
      if (!relayed(line)) continue;
      if (line == "READY=1") {
        if (sender > 0) kiosk = sender;
        if (!ready) {
          log("the kiosk is up (pid " + std::to_string(sender) + "): READY=1 sent to systemd");
          out += "STATUS=终端界面运行中 (kiosk up, pid " + std::to_string(sender) + ")\n";
        }
        ready = true;
      }
      if (line == "STOPPING=1") continue;  // ours to send, when systemd asks us to stop
      out += std::string(line) + "\n";
    }
    if (!out.empty() && !stopping) sd_notify(0, out.c_str());
  }

  void on_sigchld() {
    int status = 0;
    pid_t p;
    while ((p = ::waitpid(-1, &status, WNOHANG)) > 0) {
      if (p == child) {
        child_done = true;
        child_status = status;
      }
      if (p == kiosk) kiosk = -1;  // reaped as an orphan (we are the subreaper)
    }
  }

  std::string describe(int status) const {
    if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) {
      const char* s = sigabbrev_np(WTERMSIG(status));
      return std::string("was killed by SIG") + (s ? s : std::to_string(WTERMSIG(status)).c_str());
    }
    return "ended";
  }

  // Why the run ended, for ExecStopPost to put under the unit's name in the journal.
  void write_report(const std::string& headline) {
    std::string text = "bianmin-kiosk: " + headline + "\n";
    std::string all;
    for (const auto& l : last_lines) all += l + "\n";
    if (all.find("XWayland") != std::string::npos && ::access("/usr/bin/Xwayland", X_OK) != 0)
      text +=
          "bianmin-kiosk: 缺少 Xwayland，cage 无法启动 (cage cannot start without Xwayland): apt install xwayland\n";
    if (!last_lines.empty()) {
      text += "bianmin-kiosk: the last lines of cage and the kiosk:\n";
      for (const auto& l : last_lines) text += "  | " + l + "\n";
    }
    log(headline);
    if (report_path.empty()) return;
    std::string tmp = report_path + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0640);
    if (fd < 0) return;
    ssize_t ignored = ::write(fd, text.data(), text.size());
    (void)ignored;
    ::close(fd);
    ::rename(tmp.c_str(), report_path.c_str());
  }
};

}  // namespace

int main(int argc, char** argv) {
  Supervisor s;
  int first = 1;
  while (first < argc && std::strcmp(argv[first], "--") != 0) {
    std::string_view a = argv[first];
    if (a == "--report" && first + 1 < argc) return report(argv[first + 1]);
    if (a == "--grace" && first + 1 < argc) {
      s.grace = std::atof(argv[++first]);
    } else {
      std::fprintf(stderr, "usage: %s [--grace SECONDS] -- COMMAND ARGS...\n       %s --report FILE\n", kName, kName);
      return 2;
    }
    ++first;
  }
  if (first >= argc - 1) {
    std::fprintf(stderr, "usage: %s [--grace SECONDS] -- COMMAND ARGS...\n", kName);
    return 2;
  }
  char** command = argv + first + 1;

  sigset_t mask, old_mask;
  sigemptyset(&mask);
  for (int sig : {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGABRT}) sigaddset(&mask, sig);
  sigprocmask(SIG_BLOCK, &mask, &old_mask);
  int sfd = ::signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
  if (sfd < 0) {
    log(std::string("signalfd: ") + std::strerror(errno));
    return 71;
  }
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);

  const char* runtime = std::getenv("RUNTIME_DIRECTORY");
  std::string dir = runtime && *runtime ? runtime : "";
  if (dir.find(':') != std::string::npos) dir.resize(dir.find(':'));  // several dirs: the first
  if (!dir.empty()) s.report_path = dir + "/last-exit";
  if (!s.report_path.empty()) ::unlink(s.report_path.c_str());

  // The relay socket the kiosk's sd_notify() talks to.
  int relay = -1;
  const char* upstream = std::getenv("NOTIFY_SOCKET");
  if (upstream && *upstream && !dir.empty()) {
    s.relay_path = dir + "/notify";
    relay = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (relay >= 0 && s.relay_path.size() < sizeof addr.sun_path) {
      std::memcpy(addr.sun_path, s.relay_path.c_str(), s.relay_path.size() + 1);
      ::unlink(s.relay_path.c_str());
      int on = 1;
      if (::setsockopt(relay, SOL_SOCKET, SO_PASSCRED, &on, sizeof on) != 0 ||
          ::bind(relay, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        log("cannot listen on " + s.relay_path + ": " + std::strerror(errno));
        ::close(relay);
        relay = -1;
      } else {
        ::chmod(s.relay_path.c_str(), 0600);
      }
    }
  }
  if (upstream && *upstream && relay < 0)
    log("no relay socket (RuntimeDirectory= missing?): the kiosk's READY=1 and WATCHDOG=1 cannot reach systemd");

  int out_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    log(std::string("pipe: ") + std::strerror(errno));
    return 71;
  }

  pid_t self = ::getpid();
  s.child = ::fork();
  if (s.child < 0) {
    log(std::string("fork: ") + std::strerror(errno));
    return 71;
  }
  if (s.child == 0) {
    ::setpgid(0, 0);                     // our own group: a stop or the watchdog ends it whole
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the supervisor
    if (::getppid() != self) _exit(71);
    ::dup2(out_pipe[1], STDOUT_FILENO);
    ::dup2(out_pipe[1], STDERR_FILENO);
    if (relay >= 0)
      ::setenv("NOTIFY_SOCKET", s.relay_path.c_str(), 1);
    else
      ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_PID");  // the kiosk, not cage, pings (WATCHDOG_USEC stays)
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    ::execvp(command[0], command);
    std::fprintf(stderr, "%s: cannot run %s: %s\n", kName, command[0], std::strerror(errno));
    _exit(127);
  }
  ::setpgid(s.child, s.child);
  ::close(out_pipe[1]);
  int out = out_pipe[0];
  ::fcntl(out, F_SETFL, O_NONBLOCK);
  std::string cmdline;
  for (char** a = command; *a; ++a) cmdline += std::string(cmdline.empty() ? "" : " ") + *a;
  log("started (pid " + std::to_string(s.child) + "): " + cmdline);
  sd_notify(0, "STATUS=cage 已启动，等待终端界面 (waiting for the kiosk's first frame)");

  bool out_open = true;
  while (!s.child_done || out_open) {
    pollfd fds[3] = {{sfd, POLLIN, 0}, {relay, POLLIN, 0}, {out_open ? out : -1, POLLIN, 0}};
    int timeout = s.stopping ? 200 : (s.child_done ? 500 : -1);
    int r = ::poll(fds, 3, timeout);
    if (r < 0 && errno != EINTR) break;
    if (fds[0].revents & POLLIN) {
      signalfd_siginfo si{};
      while (::read(sfd, &si, sizeof si) == static_cast<ssize_t>(sizeof si)) {
        switch (si.ssi_signo) {
          case SIGCHLD:
            s.on_sigchld();
            break;
          case SIGABRT:
            // systemd's WatchdogSignal: the kiosk stopped pinging. End it now; systemd restarts.
            if (!s.watchdog)
              log("watchdog: no WATCHDOG=1 from the kiosk within WatchdogSec; killing cage and the kiosk");
            s.watchdog = true;
            s.kill_group(SIGCONT);
            s.kill_group(SIGKILL);
            break;
          default:
            s.begin_stop(sigabbrev_np(static_cast<int>(si.ssi_signo)));
            break;
        }
      }
    }
    if (relay >= 0 && (fds[1].revents & POLLIN)) s.on_relay_message(relay);
    if (out_open && (fds[2].revents & (POLLIN | POLLHUP))) {
      char buf[8192];
      ssize_t n = ::read(out, buf, sizeof buf);
      if (n > 0) {
        ssize_t ignored = ::write(STDERR_FILENO, buf, static_cast<size_t>(n));
        (void)ignored;
        s.keep_output(buf, static_cast<size_t>(n));
      } else if (n == 0) {
        out_open = false;
      }
    }
    if (s.child_done && out_open && r == 0) {
      // Something of cage's (Xwayland, say) still holds the output open: end it.
      s.kill_group(SIGKILL);
      out_open = false;
    }
    s.step_stop();
  }
  // Whatever cage left behind in its group (the kiosk, Xwayland) goes with it.
  s.kill_group(SIGKILL);
  s.on_sigchld();
  if (!s.relay_path.empty()) ::unlink(s.relay_path.c_str());

  if (s.stopping) {
    log("stopped (cage " + s.describe(s.child_status) + ")");
    return 0;
  }
  if (s.watchdog) {
    s.write_report("the watchdog fired: the kiosk sent no WATCHDOG=1 within WatchdogSec (frozen?); restarting");
    return 70;
  }
  std::string headline = "cage " + s.describe(s.child_status) +
                         (s.ready ? " after the kiosk was up" : " before the kiosk was up (no READY=1)");
  s.write_report(headline);
  if (WIFEXITED(s.child_status)) return WEXITSTATUS(s.child_status) == 0 ? 1 : WEXITSTATUS(s.child_status);
  if (WIFSIGNALED(s.child_status)) return 128 + WTERMSIG(s.child_status);
  return 1;
}
