// The publisher's signing key as the hub keeps it: sealed with a passphrase the 审核 enters at
// approval (issue 17). A stolen hub disk (or a backup of it) yields no key; the key exists in
// the hub's memory only while one approval signs, and is wiped after.
//
// File format (JSON, mode 0600): {"format": "bianmin-sealed-key-1", "key_id", "public_key" (hex),
// "salt", "opslimit", "memlimit", "nonce", "box" (hex)}. The box is libsodium's secretbox
// (XSalsa20-Poly1305) of the 64-byte ed25519 secret key under a key derived from the passphrase
// with crypto_pwhash (argon2id, the "moderate" limits: ~0.5-1 s and 256 MiB per attempt, which
// also slows guessing through the approval page to a crawl).
//
// Promises:
//  - A wrong passphrase is an error that says so (the box does not open); nothing is guessed.
//  - The secret key read back matches the public key stored beside it (else an error).
//  - Passphrases have at least 10 characters.
#pragma once
#include <filesystem>
#include <string>

#include "bianmin/base/result.hpp"
#include "bianmin/sync/crypto.hpp"

namespace bianmin::console {

Status seal_key(const std::filesystem::path& out, const sync::KeyPair& key, const std::string& passphrase);
// The sealed key's id without opening it (what the approval page names), or an error.
Result<std::string> sealed_key_id(const std::filesystem::path& path);
Result<sync::KeyPair> unseal_key(const std::filesystem::path& path, const std::string& passphrase);
// Overwrites the secret key bytes (sodium_memzero) once signing is done.
void wipe(sync::KeyPair& key);

}  // namespace bianmin::console
