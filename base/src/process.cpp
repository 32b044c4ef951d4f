// Running other programs (see process.hpp for what it promises).
#include "bianmin/base/process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>

extern char** environ;

namespace bianmin::process {
namespace {

// argv and envp as execve wants them, built before fork (nothing in the child allocates).
struct ExecArgs {
  std::vector<std::string> env_strings;
  std::vector<char*> argv;
  std::vector<char*> envp;

  ExecArgs(const std::vector<std::string>& args, const Env& env) {
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
      const std::string entry = *e;
      const std::string name = entry.substr(0, entry.find('='));
      bool overridden = false;
      for (const auto& [k, v] : env) overridden = overridden || k == name;
      if (!overridden) env_strings.push_back(entry);
    }
    for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
  }
};

}  // namespace

Result<Output> run(const std::vector<std::string>& argv, const Env& env) {
  if (argv.empty()) return Result<Output>::fail("nothing to run");
  ExecArgs exec(argv, env);
  int fds[2];
  if (pipe(fds) != 0) return Result<Output>::fail("pipe failed");
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return Result<Output>::fail("fork failed");
  }
  if (pid == 0) {
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    close(fds[0]);
    close(fds[1]);
    execve(exec.argv[0], exec.argv.data(), exec.envp.data());
    _exit(127);
  }
  close(fds[1]);
  Output out;
  std::array<char, 4096> buf;
  ssize_t n;
  while ((n = read(fds[0], buf.data(), buf.size())) > 0 || (n < 0 && errno == EINTR))
    if (n > 0) out.text.append(buf.data(), static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

Result<pid_t> spawn(const std::vector<std::string>& argv, const std::filesystem::path& log, const Env& env) {
  if (argv.empty()) return Result<pid_t>::fail("nothing to run");
  ExecArgs exec(argv, env);
  const std::string log_path = log.empty() ? "/dev/null" : log.string();
  const pid_t pid = fork();
  if (pid < 0) return Result<pid_t>::fail("fork failed");
  if (pid == 0) {
    const int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execve(exec.argv[0], exec.argv.data(), exec.envp.data());
    _exit(127);
  }
  return pid;
}

int wait(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1000;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return -1000;
}

}  // namespace bianmin::process
