// Hashes and signatures for content bundles (libsodium): sha256 of files and bytes, ed25519
// publisher keys, and the list of keys a terminal trusts.
//
// Promises:
//  - A key id is derived from the public key (first 8 bytes of its sha256, in hex), so it
//    cannot be claimed by another key.
//  - verify_signed() accepts a message only if a trusted, not retired key made the
//    signature; it says so when a retired or an unknown key made it.
//  - Secret key files are written with mode 0600, every key file atomically.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "bianmin/base/result.hpp"

namespace bianmin::sync {

std::string to_hex(std::string_view bytes);
// Empty optional-style: returns false when `hex` is not valid hex.
bool from_hex(std::string_view hex, std::string& out);
// Standard base64 with padding (how kiosk.toml writes public keys).
std::string to_base64(std::string_view bytes);
bool from_base64(std::string_view text, std::string& out);

std::string sha256_hex(std::string_view bytes);
Result<std::string> sha256_file(const std::filesystem::path& path);

struct KeyPair {
  std::string key_id;
  std::string public_key;  // 32 raw bytes
  std::string secret_key;  // 64 raw bytes (libsodium's seed + public key)
};

std::string key_id_for(std::string_view public_key);
KeyPair generate_keypair();

// {"key_id":…,"public_key":hex,"secret_key":hex}, mode 0600
Status write_secret_key(const std::filesystem::path& path, const KeyPair& key);
Result<KeyPair> read_secret_key(const std::filesystem::path& path);
// {"key_id":…,"public_key":hex}
Status write_public_key(const std::filesystem::path& path, const KeyPair& key);

// 64 raw bytes.
std::string sign_detached(std::string_view message, const KeyPair& key);

struct TrustedKey {
  std::string key_id;
  std::string public_key;  // 32 raw bytes
  bool retired = false;    // a retired key's signatures are refused
};

// The keys a terminal (or a hub) trusts: a JSON file
// {"keys":[{"key_id":…,"public_key":hex,"retired":false}, …]}.
struct TrustStore {
  std::vector<TrustedKey> keys;

  static Result<TrustStore> read(const std::filesystem::path& path);
  Status write(const std::filesystem::path& path) const;
  // Adds the public key in a file written by write_public_key (or a secret key file).
  Status add_from_file(const std::filesystem::path& key_file);
  // Marks a key retired; fails when the id is unknown.
  Status retire(std::string_view key_id);
};

// Checks `signature` (64 raw bytes) over `message`. On success returns the id of the
// trusted key that made it.
Result<std::string> verify_signed(std::string_view message, std::string_view signature, const TrustStore& trust);

// Writes `bytes` to `path` through path + ".tmp", fsyncing the file and the directory, then
// renames: a reader sees the old file or the new one, never a mix.
Status write_file_atomic(const std::filesystem::path& path, std::string_view bytes);
Result<std::string> read_whole_file(const std::filesystem::path& path);
// fsync of a directory (after a rename in it).
Status fsync_dir(const std::filesystem::path& dir);
Status fsync_file(const std::filesystem::path& path);

}  // namespace bianmin::sync
