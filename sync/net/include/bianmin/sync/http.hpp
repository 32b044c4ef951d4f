// A small blocking HTTP client over libcurl for the sync agent and bianmin-publish push.
//
// Promises:
//  - Every request has a connect timeout and a low-speed timeout (a stalled link fails
//    instead of hanging); a proxy from options is used when set (else libcurl's usual
//    environment variables apply).
//  - download_to_file() resumes: if `path` already holds bytes it asks for the rest with a
//    Range header, and appends only when the server answers 206; a 200 starts over.
//  - No exceptions; a transport failure is a Problem, an HTTP status is a value.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include "bianmin/base/result.hpp"

namespace bianmin::sync {

struct HttpOptions {
  std::string proxy;  // e.g. "http://10.0.0.1:3128"; empty = environment / none
  long connect_timeout_s = 10;
  long low_speed_time_s = 30;  // abort when under low_speed_bytes/s for this long
  long low_speed_bytes = 100;
  long total_timeout_s = 0;                    // 0 = none (large downloads on slow links)
  int64_t max_body_bytes = int64_t{64} << 20;  // answers kept in memory (http_get/http_send) fail beyond this
  int64_t max_recv_bytes_per_s = 0;            // 0 = unlimited (tests use it to slow a download)
  std::string bearer_token;
  std::function<void()> on_chunk;  // called after each piece of a download is written
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// GET into memory (for manifests and small answers), with extra request headers.
Result<HttpResponse> http_get(const std::string& url, const HttpOptions& o,
                              const std::map<std::string, std::string>& request_headers = {});
Result<HttpResponse> http_send(const std::string& method, const std::string& url, const std::string& body,
                               const std::string& content_type, const HttpOptions& o);
Result<HttpResponse> http_put_file(const std::string& url, const std::filesystem::path& file, const HttpOptions& o);

// GET into `path`, resuming from its current size. Fails when the body would make the file
// larger than max_size. The returned status is the final HTTP status (200 or 206 when ok).
Result<long> download_to_file(const std::string& url, const std::filesystem::path& path, int64_t max_size,
                              const HttpOptions& o);

}  // namespace bianmin::sync
