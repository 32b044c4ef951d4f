// PIN and token hashes: the right secret verifies, nothing else does.
#include <doctest/doctest.h>

#include "bianmin/config/secrets.hpp"

using namespace bianmin::config;

TEST_CASE("a PIN verifies against its own hash only") {
  std::string h = hash_pin("2468");
  CHECK(is_pin_hash(h));
  CHECK(verify_pin("2468", h));
  CHECK_FALSE(verify_pin("2469", h));
  CHECK_FALSE(verify_pin("", h));
}

TEST_CASE("two hashes of the same PIN differ (salted)") { CHECK(hash_pin("2468") != hash_pin("2468")); }

TEST_CASE("malformed PIN hashes never verify") {
  CHECK_FALSE(verify_pin("2468", ""));
  CHECK_FALSE(verify_pin("2468", "2468"));
  CHECK_FALSE(is_pin_hash("sha256:zz"));
  std::string h = hash_pin("2468");
  h[10] = 'X';
  CHECK_FALSE(is_pin_hash(h));
  CHECK_FALSE(verify_pin("2468", h));
}

TEST_CASE("tokens are random and verify against their hash") {
  std::string t = new_token();
  CHECK(t.size() == 43);
  CHECK(t != new_token());
  std::string h = hash_token(t);
  CHECK(is_token_hash(h));
  CHECK(verify_token(t, h));
  CHECK_FALSE(verify_token(t + "x", h));
}

TEST_CASE("an ed25519 public key is 32 bytes of standard base64") {
  CHECK(is_ed25519_public_key_base64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
  CHECK_FALSE(is_ed25519_public_key_base64("AAAA"));
  CHECK_FALSE(is_ed25519_public_key_base64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="));  // 31 bytes
  CHECK_FALSE(is_ed25519_public_key_base64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-="));
}
