// Hashes, keys and signatures (see crypto.hpp).
#include "bianmin/sync/crypto.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace bianmin::sync {
namespace {
using json = nlohmann::json;

bool sodium_ready() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}
}  // namespace

std::string to_hex(std::string_view bytes) {
  static const char* d = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(d[c >> 4]);
    out.push_back(d[c & 15]);
  }
  return out;
}

std::string to_base64(std::string_view bytes) {
  const int variant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    variant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool from_base64(std::string_view text, std::string& out) {
  out.assign(text.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return false;
  out.resize(len);
  return true;
}

bool from_hex(std::string_view hex, std::string& out) {
  if (hex.size() % 2) return false;
  auto val = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  out.clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = val(hex[i]), lo = val(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return true;
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return to_hex(std::string_view(reinterpret_cast<char*>(h), sizeof h));
}

Result<std::string> sha256_file(const std::filesystem::path& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Result<std::string>::fail("cannot read file", path.string());
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::vector<unsigned char> buf(1 << 16);
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) crypto_hash_sha256_update(&st, buf.data(), n);
  bool err = std::ferror(f);
  std::fclose(f);
  if (err) return Result<std::string>::fail("read error", path.string());
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, h);
  return to_hex(std::string_view(reinterpret_cast<char*>(h), sizeof h));
}

std::string key_id_for(std::string_view public_key) { return sha256_hex(public_key).substr(0, 16); }

KeyPair generate_keypair() {
  sodium_ready();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  KeyPair k;
  k.public_key.assign(reinterpret_cast<char*>(pk), sizeof pk);
  k.secret_key.assign(reinterpret_cast<char*>(sk), sizeof sk);
  sodium_memzero(sk, sizeof sk);
  k.key_id = key_id_for(k.public_key);
  return k;
}

Status write_secret_key(const std::filesystem::path& path, const KeyPair& key) {
  json j = {{"key_id", key.key_id}, {"public_key", to_hex(key.public_key)}, {"secret_key", to_hex(key.secret_key)}};
  // Create the temporary file 0600 before any secret byte is in it.
  auto tmp = path.string() + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return Status::fail("cannot create key file", path.string());
  ::close(fd);
  return write_file_atomic(path, j.dump(2) + "\n");
}

Status write_public_key(const std::filesystem::path& path, const KeyPair& key) {
  json j = {{"key_id", key.key_id}, {"public_key", to_hex(key.public_key)}};
  return write_file_atomic(path, j.dump(2) + "\n");
}

Result<KeyPair> read_secret_key(const std::filesystem::path& path) {
  using R = Result<KeyPair>;
  auto text = read_whole_file(path);
  if (!text) return text.error();
  json j = json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return R::fail("not a key file (JSON expected)", path.string());
  KeyPair k;
  if (!from_hex(j.value("public_key", ""), k.public_key) || k.public_key.size() != crypto_sign_PUBLICKEYBYTES)
    return R::fail("bad public_key", path.string(), 0, "public_key");
  if (!from_hex(j.value("secret_key", ""), k.secret_key) || k.secret_key.size() != crypto_sign_SECRETKEYBYTES)
    return R::fail("bad or missing secret_key (is this a public key file?)", path.string(), 0, "secret_key");
  if (k.secret_key.substr(32) != k.public_key) return R::fail("secret and public key do not match", path.string());
  k.key_id = key_id_for(k.public_key);
  return k;
}

std::string sign_detached(std::string_view message, const KeyPair& key) {
  sodium_ready();
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(key.secret_key.data()));
  return std::string(reinterpret_cast<char*>(sig), sizeof sig);
}

Result<TrustStore> TrustStore::read(const std::filesystem::path& path) {
  using R = Result<TrustStore>;
  auto text = read_whole_file(path);
  if (!text) return text.error();
  json j = json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("keys") || !j["keys"].is_array())
    return R::fail("not a trusted keys file ({\"keys\": [...]} expected)", path.string());
  TrustStore t;
  for (const auto& k : j["keys"]) {
    if (!k.is_object()) return R::fail("key entry is not an object", path.string());
    TrustedKey tk;
    if (!from_hex(k.value("public_key", ""), tk.public_key) || tk.public_key.size() != crypto_sign_PUBLICKEYBYTES)
      return R::fail("bad public_key", path.string(), 0, "keys");
    tk.key_id = key_id_for(tk.public_key);
    if (k.contains("key_id") && k["key_id"] != tk.key_id)
      return R::fail("key_id does not belong to its public_key", path.string(), 0, "keys");
    tk.retired = k.value("retired", false);
    t.keys.push_back(tk);
  }
  return t;
}

Status TrustStore::write(const std::filesystem::path& path) const {
  json arr = json::array();
  for (const auto& k : keys)
    arr.push_back({{"key_id", k.key_id}, {"public_key", to_hex(k.public_key)}, {"retired", k.retired}});
  return write_file_atomic(path, json{{"keys", arr}}.dump(2) + "\n");
}

Status TrustStore::add_from_file(const std::filesystem::path& key_file) {
  auto text = read_whole_file(key_file);
  if (!text) return Status{text.error()};
  json j = json::parse(*text, nullptr, false);
  std::string pk;
  if (j.is_discarded() || !j.is_object() || !from_hex(j.value("public_key", ""), pk) ||
      pk.size() != crypto_sign_PUBLICKEYBYTES)
    return Status::fail("not a public key file", key_file.string());
  auto id = key_id_for(pk);
  for (auto& k : keys)
    if (k.key_id == id) return Status::success();
  keys.push_back(TrustedKey{id, pk, false});
  return Status::success();
}

Status TrustStore::retire(std::string_view key_id) {
  for (auto& k : keys)
    if (k.key_id == key_id) {
      k.retired = true;
      return Status::success();
    }
  return Status::fail("no such key: " + std::string(key_id));
}

Result<std::string> verify_signed(std::string_view message, std::string_view signature, const TrustStore& trust) {
  using R = Result<std::string>;
  sodium_ready();
  if (signature.size() != crypto_sign_BYTES) return R::fail("signature has the wrong size", "manifest.sig");
  auto verifies = [&](const TrustedKey& k) {
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                       reinterpret_cast<const unsigned char*>(k.public_key.data())) == 0;
  };
  for (const auto& k : trust.keys)
    if (!k.retired && verifies(k)) return k.key_id;
  for (const auto& k : trust.keys)
    if (k.retired && verifies(k)) return R::fail("signed by retired key " + k.key_id + ": refused", "manifest.sig");
  return R::fail("signature does not match any trusted key (tampered, or signed by an unknown key)", "manifest.sig");
}

Status fsync_file(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return Status::fail("cannot open for fsync", path.string());
  int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::success() : Status::fail("fsync failed", path.string());
}

Status fsync_dir(const std::filesystem::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return Status::fail("cannot open directory for fsync", dir.string());
  int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::success() : Status::fail("fsync failed", dir.string());
}

Status write_file_atomic(const std::filesystem::path& path, std::string_view bytes) {
  auto tmp = path.string() + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return Status::fail("cannot write", tmp);
  size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n <= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      return Status::fail("write failed (disk full?)", tmp);
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return Status::fail("fsync failed", tmp);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) return Status::fail("rename failed", path.string());
  return fsync_dir(path.parent_path());
}

Result<std::string> read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Result<std::string>::fail("cannot read file", path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace bianmin::sync
