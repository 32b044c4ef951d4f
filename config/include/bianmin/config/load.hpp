// What loading a configuration file gives back: the settings, and every problem found.
//
// Promises:
//  - A load never stops at the first mistake: it reports every problem in the file (syntax,
//    unknown keys, wrong types, values out of range, missing required keys, contradictions).
//  - Every problem names the file, the 1-based line (0 when the key is missing altogether),
//    the dotted key ("screen.width") and, in plain words, what is allowed there.
//  - `config` is always usable: fields that were valid are set, all others keep their
//    defaults. The kiosk uses this to lay out its "终端配置错误" screen even when the file is
//    broken.
//  - Nothing throws.
#pragma once
#include <string>

#include "bianmin/base/result.hpp"

namespace bianmin::config {

template <typename T>
struct Loaded {
  T config;           // defaults overlaid with every value that was valid
  Problems problems;  // empty when the file is valid

  bool ok() const { return problems.empty(); }
  explicit operator bool() const { return ok(); }
};

// All problems, one "file:line: key: message" per line (empty when there are none).
std::string format_problems(const Problems& problems);

}  // namespace bianmin::config
