// Staff PIN and token hashes as they appear in the config files.
//
//   PIN   "sha256:<salt, 32 hex>:<sha256(salt bytes || pin), 64 hex>"  (bianmin-config hash-pin)
//   token "sha256:<sha256(token), 64 hex>"                              (bianmin-config new-token)
//
// A PIN is short, so its hash only keeps it from being read off the file at a glance; the
// config file itself is root-readable only (0640 root:bianmin). Comparisons are constant-time.
#pragma once
#include <string>
#include <string_view>

namespace bianmin::config {

// A fresh random salt each call. Empty string if the system RNG failed.
std::string hash_pin(std::string_view pin);
// True when `pin` matches `stored` (a hash_pin() result). False for malformed `stored`.
bool verify_pin(std::string_view pin, std::string_view stored);
// True when `stored` has the hash_pin() shape.
bool is_pin_hash(std::string_view stored);

// 32 random bytes, url-safe base64 without padding (for staff and enrollment tokens).
std::string new_token();
std::string hash_token(std::string_view token);
bool verify_token(std::string_view token, std::string_view stored);
bool is_token_hash(std::string_view stored);

// True when `text` is standard base64 of exactly 32 bytes (an ed25519 public key).
bool is_ed25519_public_key_base64(std::string_view text);

}  // namespace bianmin::config
