// Fuzzes the manifest parser (sync/bundle/manifest.cpp): the first thing a terminal reads
// from the network (after the signature check, but a publisher's bug or a stolen key must not
// crash every terminal either). Property: a manifest that parses writes back to JSON that
// parses to the same manifest.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "bianmin/sync/manifest.hpp"

using namespace bianmin;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto m = sync::parse_manifest(text);
  (void)sync::iso_utc_to_unix(text.substr(0, 20));
  if (!m) return 0;
  (void)m->expired(0);
  (void)m->delta_from(m->version - 1);
  const std::string again = sync::manifest_to_json(*m);
  auto m2 = sync::parse_manifest(again);
  if (!m2 || sync::manifest_to_json(*m2) != again) {
    std::fprintf(stderr, "a parsed manifest does not survive writing and reading again: %s\n",
                 m2 ? again.c_str() : m2.error().to_string().c_str());
    std::abort();
  }
  return 0;
}
