// bianmin-publish keygen -o publisher.key [--pub publisher.pub.json]: a new ed25519 publisher key.
#include <cstdio>

#include "bundle_common.hpp"
#include "commands.hpp"
#include "bianmin/sync/crypto.hpp"

namespace bianmin::publish {

int cmd_keygen(const std::vector<std::string>& args) {
  ParsedArgs p = parse_args(args, {"o", "pub"});
  if (!p.error.empty()) return usage_error("keygen", p.error);
  fs::path out = opt(p, "o");
  if (out.empty()) return usage_error("keygen");
  if (fs::exists(out)) return fail(out.string() + " exists: refusing to overwrite a key");
  fs::path pub = opt(p, "pub", (out.parent_path() / (out.stem().string() + ".pub.json")).string());
  auto k = sync::generate_keypair();
  if (auto st = sync::write_secret_key(out, k); !st) return fail(st.error());
  if (auto st = sync::write_public_key(pub, k); !st) return fail(st.error());
  std::printf("key %s\n  secret: %s (keep it off terminals)\n  public: %s (add to terminals' trusted keys)\n",
              k.key_id.c_str(), out.c_str(), pub.c_str());
  // The same public key as kiosk.toml writes it (provision-terminal.sh --key takes this).
  std::printf("\n[[sync.trusted_keys]]\nid = \"%s\"\nkey = \"%s\"\n", k.key_id.c_str(),
              sync::to_base64(k.public_key).c_str());
  return 0;
}

}  // namespace bianmin::publish
