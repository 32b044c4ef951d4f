// PIN and token hashes with libsodium (SHA-256, constant-time compare, system RNG).
#include "bianmin/config/secrets.hpp"

#include <sodium.h>

#include <vector>

namespace bianmin::config {
namespace {

bool ready() { return sodium_init() >= 0; }

std::string to_hex(const unsigned char* data, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

bool from_hex(std::string_view hex, std::vector<unsigned char>& out, size_t expect) {
  if (hex.size() != expect * 2) return false;
  for (char ch : hex)
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
  out.assign(expect, 0);
  size_t len = 0;
  return sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == expect;
}

std::string sha256_hex(const std::vector<unsigned char>& salt, std::string_view text) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  if (!salt.empty()) crypto_hash_sha256_update(&st, salt.data(), salt.size());
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, out);
  return to_hex(out, sizeof out);
}

bool equal_ct(const std::string& a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::string hash_pin(std::string_view pin) {
  if (!ready()) return {};
  std::vector<unsigned char> salt(16);
  randombytes_buf(salt.data(), salt.size());
  return "sha256:" + to_hex(salt.data(), salt.size()) + ":" + sha256_hex(salt, pin);
}

bool is_pin_hash(std::string_view stored) {
  std::vector<unsigned char> tmp;
  return stored.size() == 7 + 32 + 1 + 64 && stored.substr(0, 7) == "sha256:" && stored[39] == ':' &&
         from_hex(stored.substr(7, 32), tmp, 16) && from_hex(stored.substr(40), tmp, 32);
}

bool verify_pin(std::string_view pin, std::string_view stored) {
  if (!ready() || !is_pin_hash(stored)) return false;
  std::vector<unsigned char> salt;
  from_hex(stored.substr(7, 32), salt, 16);
  return equal_ct(sha256_hex(salt, pin), stored.substr(40));
}

std::string new_token() {
  if (!ready()) return {};
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(sizeof raw, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), raw, sizeof raw, variant);
  out.resize(out.find('\0'));
  return out;
}

std::string hash_token(std::string_view token) {
  if (!ready()) return {};
  return "sha256:" + sha256_hex({}, token);
}

bool is_token_hash(std::string_view stored) {
  std::vector<unsigned char> tmp;
  return stored.size() == 7 + 64 && stored.substr(0, 7) == "sha256:" && from_hex(stored.substr(7), tmp, 32);
}

bool verify_token(std::string_view token, std::string_view stored) {
  if (!ready() || !is_token_hash(stored)) return false;
  return equal_ct(sha256_hex({}, token), stored.substr(7));
}

bool is_ed25519_public_key_base64(std::string_view text) {
  if (!ready() || text.size() != 44) return false;
  unsigned char out[33];
  size_t len = 0;
  return sodium_base642bin(out, sizeof out, text.data(), text.size(), nullptr, &len, nullptr,
                           sodium_base64_VARIANT_ORIGINAL) == 0 &&
         len == 32;
}

}  // namespace bianmin::config
