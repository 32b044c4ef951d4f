// Running other programs: the one fork/exec helper (bianmin_process). Printing's private cupsd
// runs its queue tools through it, the tests run the tools they test, the bench starts a hub.
//
// Promises:
//  - argv[0] is a path; there is no shell and no $PATH search, so arguments are never
//    re-split or expanded.
//  - The child's environment is this process's plus `env` (overriding names already set),
//    built before fork(): the child only dups descriptors and execs.
//  - run() waits, capturing stdout and stderr together, interleaved as written; it survives
//    EINTR. Failures to start (no pipe, no fork) are Problems; a program that cannot be
//    executed exits 127, as from a shell.
#pragma once
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "bianmin/base/result.hpp"

namespace bianmin::process {

using Env = std::vector<std::pair<std::string, std::string>>;

struct Output {
  int exit_code = -1;  // the program's exit status, or -1 when it did not exit normally
  std::string text;    // stdout and stderr, interleaved
};

// Runs argv to completion, capturing its output.
Result<Output> run(const std::vector<std::string>& argv, const Env& env = {});

// Starts argv in the background with stdout and stderr appended to `log` (/dev/null when
// empty); returns its pid. Reap it with wait().
Result<pid_t> spawn(const std::vector<std::string>& argv, const std::filesystem::path& log = {}, const Env& env = {});

// Waits for a child: its exit status, -N when signal N killed it, -1000 otherwise.
int wait(pid_t pid);

}  // namespace bianmin::process
