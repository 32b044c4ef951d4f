// bianmin-publish sign DIR --key K: (re)signs the manifest of a channel directory.
#include <cstdio>

#include "bundle_common.hpp"
#include "commands.hpp"
#include "bianmin/sync/bundle.hpp"
#include "bianmin/sync/crypto.hpp"

namespace bianmin::publish {

int cmd_sign(const std::vector<std::string>& args) {
  ParsedArgs p = parse_args(args, {"key"});
  if (!p.error.empty()) return usage_error("sign", p.error);
  if (p.positional.size() != 1 || opt(p, "key").empty()) return usage_error("sign");
  auto k = sync::read_secret_key(opt(p, "key"));
  if (!k) return fail(k.error());
  if (auto st = sync::sign_channel(p.positional[0], *k); !st) return fail(st.error());
  std::printf("signed %s with key %s\n", p.positional[0].c_str(), k->key_id.c_str());
  return 0;
}

}  // namespace bianmin::publish
