// bianmin-publish trust add PUB.json --trust KEYS.json | trust retire KEY_ID --trust KEYS.json:
// edits the list of publisher keys terminals trust (key rotation).
#include <cstdio>

#include "bundle_common.hpp"
#include "commands.hpp"
#include "bianmin/sync/crypto.hpp"

namespace bianmin::publish {

int cmd_trust(const std::vector<std::string>& args) {
  ParsedArgs p = parse_args(args, {"trust"});
  if (!p.error.empty()) return usage_error("trust", p.error);
  if (p.positional.size() != 2 || opt(p, "trust").empty()) return usage_error("trust");
  fs::path file = opt(p, "trust");
  sync::TrustStore t;
  if (fs::exists(file)) {
    auto r = sync::TrustStore::read(file);
    if (!r) return fail(r.error());
    t = *r;
  }
  Status st = p.positional[0] == "add"      ? t.add_from_file(p.positional[1])
              : p.positional[0] == "retire" ? t.retire(p.positional[1])
                                            : Status::fail("unknown trust action " + p.positional[0]);
  if (!st) return fail(st.error());
  if (auto w = t.write(file); !w) return fail(w.error());
  for (const auto& k : t.keys) std::printf("%s%s\n", k.key_id.c_str(), k.retired ? " (retired)" : "");
  return 0;
}

}  // namespace bianmin::publish
