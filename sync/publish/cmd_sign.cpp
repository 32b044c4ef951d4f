// bianmin-publish sign DIR --key K [--valid-days N]: (re)signs the manifest of a channel
// directory, renewing its expiry (N days from now, default 30). Run it (then push) well before
// the expiry, e.g. weekly: terminals past it keep their content but report that they cannot
// confirm it is current.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bundle_common.hpp"
#include "commands.hpp"
#include "bianmin/sync/bundle.hpp"
#include "bianmin/sync/crypto.hpp"

namespace bianmin::publish {

int cmd_sign(const std::vector<std::string>& args) {
  ParsedArgs p = parse_args(args, {"key", "valid-days"});
  if (!p.error.empty()) return usage_error("sign", p.error);
  if (p.positional.size() != 1 || opt(p, "key").empty()) return usage_error("sign");
  auto k = sync::read_secret_key(opt(p, "key"));
  if (!k) return fail(k.error());
  int days = std::atoi(opt(p, "valid-days", std::to_string(sync::kDefaultValidDays)).c_str());
  if (days < 1 || days > 3660) return usage_error("sign", "--valid-days must be 1..3660");
  if (auto st = sync::sign_channel(p.positional[0], *k, days); !st) return fail(st.error());
  std::printf("signed %s with key %s, valid for %d days\n", p.positional[0].c_str(), k->key_id.c_str(), days);
  return 0;
}

}  // namespace bianmin::publish
