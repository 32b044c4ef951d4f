// Fuzzes the hub's request handling end to end: the input is the raw bytes a client sends on
// one connection (request line, headers, body, maybe several keep-alive requests), fed through
// a socketpair into GuardedServer's connection loop, cpp-httplib's parser, the guard and every
// route of bianmin-hub (sync/hub/hub_service.cpp) over a real store and channel directory.
//
// Tokens: "fuzz-staff-token" and "fuzz-enroll-token" are the staff and enrollment tokens;
// "@T@" in the input becomes the token of an enrolled terminal, so seeds reach the terminal
// routes (heartbeat, outbox). The hub starts afresh every kFreshEvery inputs so its store does
// not grow without end.
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "bianmin/config/secrets.hpp"
#include "bianmin/sync/crypto.hpp"
#include "bianmin/sync/manifest.hpp"
#include "fuzz_support.hpp"
#include "hub_service.hpp"

namespace fs = std::filesystem;
using namespace bianmin;

namespace {

constexpr int kFreshEvery = 2000;

struct HubUnderTest {
  std::unique_ptr<hub::Hub> hub;
  std::unique_ptr<hub::GuardedServer> server;
  std::string terminal_token;
  ~HubUnderTest() {
    if (server) server->stop();
  }
};

std::unique_ptr<HubUnderTest> make_hub(int generation) {
  const fs::path dir = fuzz::scratch_dir() / ("hub-" + std::to_string(generation));
  std::error_code ec;
  fs::remove_all(fuzz::scratch_dir() / ("hub-" + std::to_string(generation - 1)), ec);
  fs::create_directories(dir / "data");
  // One channel serving a signed version 1, and the trust list that verifies it.
  static const sync::KeyPair key = sync::generate_keypair();
  sync::TrustStore trust;
  trust.keys.push_back({key.key_id, key.public_key, false});
  if (!trust.write(dir / "trusted_keys.json")) std::abort();
  const fs::path ch = dir / "data/channels/demo";
  fs::create_directories(ch / "files");
  fuzz::write_file(ch / "files/content-1.db.zst", "not really zstd, the hub serves bytes as they are");
  sync::BundleManifest m;
  m.channel = "demo";
  m.version = 1;
  m.version_label = "2026.11.20";
  m.created_at = "2026-11-20T00:00:00Z";
  m.expires_at = "2099-01-01T00:00:00Z";
  m.key_id = key.key_id;
  m.schema_version = 1;
  m.db_size = 100;
  m.db_sha256 = m.content_hash = m.full_sha256 = std::string(64, 'a');
  m.full_file = "content-1.db.zst";
  m.full_size = 47;
  const std::string text = sync::manifest_to_json(m);
  fuzz::write_file(ch / "manifest.json", text);
  fuzz::write_file(ch / "manifest.sig", sync::sign_detached(text, key));

  hub::Options o;
  o.data = dir / "data";
  o.trust = dir / "trusted_keys.json";
  o.staff_hashes = {config::hash_token("fuzz-staff-token")};
  o.enroll_hash = config::hash_token("fuzz-enroll-token");
  o.max_upload_bytes = 1 << 20;
  // Nothing here waits for a slow client: the input is all there is.
  o.limits.header_timeout_s = o.limits.body_timeout_s = o.limits.io_timeout_s = o.limits.idle_timeout_s = 1;
  auto store = hub::HubStore::open(o.data / "hub.db");
  if (!store) std::abort();
  auto token = (*store)->enroll("t1", "终端一");
  if (!token) std::abort();
  auto h = std::make_unique<HubUnderTest>();
  h->terminal_token = *token;
  h->hub = std::make_unique<hub::Hub>(o, std::move(*store));
  h->server = hub::make_server(*h->hub, o);
  if (h->server->bind_to_any_port("127.0.0.1") <= 0) std::abort();  // bound, never listening
  return h;
}

std::string with_tokens(std::string s, const std::string& terminal_token) {
  for (std::size_t at = s.find("@T@"); at != std::string::npos; at = s.find("@T@", at + terminal_token.size()))
    s.replace(at, 3, terminal_token);
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static int runs = 0, generation = 0;
  static std::unique_ptr<HubUnderTest> h;
  if (size > (128u << 10)) return 0;  // a socketpair buffers this much without a reader
  if (!h || ++runs % kFreshEvery == 0) {
    h.reset();
    h = make_hub(++generation);
  }
  const std::string request = with_tokens(std::string(reinterpret_cast<const char*>(data), size), h->terminal_token);
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) std::abort();
  int big = 4 << 20;
  ::setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
  ::setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
  for (std::size_t done = 0; done < request.size();) {
    ssize_t n = ::send(sv[0], request.data() + done, request.size() - done, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::shutdown(sv[0], SHUT_WR);          // the client has said everything
  h->server->serve_connection(sv[1]);  // closes sv[1]
  char sink[65536];
  while (::recv(sv[0], sink, sizeof sink, MSG_DONTWAIT) > 0) {
  }
  ::close(sv[0]);
  return 0;
}
