// bianmin-publish bundle DB -o DIR: adds an already built content.db to a channel directory
// as its next version (what `build SRC -o DIR` does after building).
#include <cstdio>
#include <cstdlib>

#include "bundle_common.hpp"
#include "commands.hpp"

namespace bianmin::publish {

int cmd_bundle(const std::vector<std::string>& args) {
  ParsedArgs p = parse_args(args, {"o", "channel", "key", "label", "keep", "level"});
  if (!p.error.empty()) return usage_error("bundle", p.error);
  if (p.positional.size() != 1 || opt(p, "o").empty()) return usage_error("bundle");
  return publish_bundle(p.positional[0], opt(p, "o"), opt(p, "channel"), opt(p, "key"), opt(p, "label"),
                        std::atoi(opt(p, "keep", "0").c_str()), std::atoi(opt(p, "level", "0").c_str()));
}

}  // namespace bianmin::publish
