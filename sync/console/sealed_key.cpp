// The publisher key sealed with a passphrase (see sealed_key.hpp).
#include "sealed_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace bianmin::console {

using json = nlohmann::json;
namespace {
constexpr const char* kFormat = "bianmin-sealed-key-1";

bool derive(unsigned char* out, const std::string& passphrase, const std::string& salt, unsigned long long ops,
            size_t mem) {
  return crypto_pwhash(out, crypto_secretbox_KEYBYTES, passphrase.data(), passphrase.size(),
                       reinterpret_cast<const unsigned char*>(salt.data()), ops, mem,
                       crypto_pwhash_ALG_ARGON2ID13) == 0;
}
}  // namespace

Status seal_key(const std::filesystem::path& out, const sync::KeyPair& key, const std::string& passphrase) {
  if (sodium_init() < 0) return Status::fail("libsodium cannot start");
  if (passphrase.size() < 10) return Status::fail("签名口令至少要 10 个字符", out.string());
  std::string salt(crypto_pwhash_SALTBYTES, '\0'), nonce(crypto_secretbox_NONCEBYTES, '\0');
  randombytes_buf(salt.data(), salt.size());
  randombytes_buf(nonce.data(), nonce.size());
  unsigned long long ops = crypto_pwhash_OPSLIMIT_MODERATE;
  size_t mem = crypto_pwhash_MEMLIMIT_MODERATE;
  unsigned char k[crypto_secretbox_KEYBYTES];
  if (!derive(k, passphrase, salt, ops, mem)) return Status::fail("not enough memory to derive the key");
  std::string box(key.secret_key.size() + crypto_secretbox_MACBYTES, '\0');
  crypto_secretbox_easy(reinterpret_cast<unsigned char*>(box.data()),
                        reinterpret_cast<const unsigned char*>(key.secret_key.data()), key.secret_key.size(),
                        reinterpret_cast<const unsigned char*>(nonce.data()), k);
  sodium_memzero(k, sizeof k);
  json j = {{"format", kFormat},
            {"key_id", key.key_id},
            {"public_key", sync::to_hex(key.public_key)},
            {"salt", sync::to_hex(salt)},
            {"opslimit", ops},
            {"memlimit", mem},
            {"nonce", sync::to_hex(nonce)},
            {"box", sync::to_hex(box)}};
  // 0600 before any byte is in it (the box is safe without the passphrase; still nobody's business).
  auto tmp = out.string() + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return Status::fail("cannot create the sealed key file", out.string());
  ::close(fd);
  return sync::write_file_atomic(out, j.dump(2) + "\n");
}

namespace {
Result<json> read_sealed(const std::filesystem::path& path) {
  auto text = sync::read_whole_file(path);
  if (!text) return Result<json>::fail("本中心还没有存放签名密钥（bianmin-hub seal-key）", path.string());
  json j = json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("format", "") != kFormat)
    return Result<json>::fail("not a sealed key file (bianmin-hub seal-key writes one)", path.string());
  return j;
}
}  // namespace

Result<std::string> sealed_key_id(const std::filesystem::path& path) {
  auto j = read_sealed(path);
  if (!j) return j.error();
  return j->value("key_id", "");
}

Result<sync::KeyPair> unseal_key(const std::filesystem::path& path, const std::string& passphrase) {
  using R = Result<sync::KeyPair>;
  if (sodium_init() < 0) return R::fail("libsodium cannot start");
  auto j = read_sealed(path);
  if (!j) return j.error();
  std::string salt, nonce, box, pub;
  if (!sync::from_hex(j->value("salt", ""), salt) || salt.size() != crypto_pwhash_SALTBYTES ||
      !sync::from_hex(j->value("nonce", ""), nonce) || nonce.size() != crypto_secretbox_NONCEBYTES ||
      !sync::from_hex(j->value("box", ""), box) ||
      box.size() != crypto_sign_SECRETKEYBYTES + crypto_secretbox_MACBYTES ||
      !sync::from_hex(j->value("public_key", ""), pub) || pub.size() != crypto_sign_PUBLICKEYBYTES ||
      !(*j)["opslimit"].is_number_unsigned() || !(*j)["memlimit"].is_number_unsigned())
    return R::fail("the sealed key file is damaged", path.string());
  unsigned long long ops = (*j)["opslimit"].get<unsigned long long>();
  size_t mem = (*j)["memlimit"].get<size_t>();
  if (ops > crypto_pwhash_OPSLIMIT_SENSITIVE || mem > crypto_pwhash_MEMLIMIT_SENSITIVE)
    return R::fail("the sealed key file asks for more work than allowed", path.string());
  unsigned char k[crypto_secretbox_KEYBYTES];
  if (!derive(k, passphrase, salt, ops, mem)) return R::fail("not enough memory to derive the key");
  sync::KeyPair key;
  key.secret_key.assign(crypto_sign_SECRETKEYBYTES, '\0');
  int rc = crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(key.secret_key.data()),
                                      reinterpret_cast<const unsigned char*>(box.data()), box.size(),
                                      reinterpret_cast<const unsigned char*>(nonce.data()), k);
  sodium_memzero(k, sizeof k);
  if (rc != 0) {
    wipe(key);
    return R::fail("签名口令不对");
  }
  key.public_key = pub;
  if (key.secret_key.substr(32) != key.public_key) {
    wipe(key);
    return R::fail("the sealed key does not match its public key", path.string());
  }
  key.key_id = sync::key_id_for(key.public_key);
  return key;
}

void wipe(sync::KeyPair& key) {
  if (!key.secret_key.empty()) sodium_memzero(key.secret_key.data(), key.secret_key.size());
  key.secret_key.clear();
}

}  // namespace bianmin::console
