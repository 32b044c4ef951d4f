// libcurl client (see http.hpp).
#include "bianmin/sync/http.hpp"

#include <curl/curl.h>

#include <cstdio>
#include <memory>
#include <mutex>

namespace bianmin::sync {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Easy {
  CURL* h = nullptr;
  curl_slist* headers = nullptr;
  Easy() {
    global_init();
    h = curl_easy_init();
  }
  ~Easy() {
    curl_slist_free_all(headers);
    if (h) curl_easy_cleanup(h);
  }
};

size_t on_header(char* p, size_t size, size_t n, void* ud) {
  auto* resp = static_cast<HttpResponse*>(ud);
  std::string line(p, size * n);
  if (line.rfind("HTTP/", 0) == 0) resp->headers.clear();  // a new response (redirect, 100)
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.pop_back();
    resp->headers[name] = value;
  }
  return size * n;
}

// An answer kept in memory, up to a limit (a manifest is a few KB; a hostile server could
// send gigabytes).
struct MemSink {
  std::string* body;
  int64_t max;
  bool too_big = false;
};
size_t on_body_mem(char* p, size_t size, size_t n, void* ud) {
  auto* s = static_cast<MemSink*>(ud);
  if (static_cast<int64_t>(s->body->size() + size * n) > s->max) {
    s->too_big = true;
    return 0;
  }
  s->body->append(p, size * n);
  return size * n;
}

void common(Easy& e, const std::string& url, const HttpOptions& o, HttpResponse* resp) {
  curl_easy_setopt(e.h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(e.h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e.h, CURLOPT_CONNECTTIMEOUT, o.connect_timeout_s);
  curl_easy_setopt(e.h, CURLOPT_LOW_SPEED_TIME, o.low_speed_time_s);
  curl_easy_setopt(e.h, CURLOPT_LOW_SPEED_LIMIT, o.low_speed_bytes);
  if (o.total_timeout_s > 0) curl_easy_setopt(e.h, CURLOPT_TIMEOUT, o.total_timeout_s);
  if (o.max_recv_bytes_per_s > 0)
    curl_easy_setopt(e.h, CURLOPT_MAX_RECV_SPEED_LARGE, static_cast<curl_off_t>(o.max_recv_bytes_per_s));
  if (!o.proxy.empty()) curl_easy_setopt(e.h, CURLOPT_PROXY, o.proxy.c_str());
  curl_easy_setopt(e.h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(e.h, CURLOPT_MAXREDIRS, 3L);
  curl_easy_setopt(e.h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e.h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e.h, CURLOPT_HEADERDATA, resp);
  if (!o.bearer_token.empty())
    e.headers = curl_slist_append(e.headers, ("Authorization: Bearer " + o.bearer_token).c_str());
}

Result<HttpResponse> perform(Easy& e, HttpResponse& resp, const std::string& url, const MemSink* sink = nullptr) {
  if (e.headers) curl_easy_setopt(e.h, CURLOPT_HTTPHEADER, e.headers);
  CURLcode rc = curl_easy_perform(e.h);
  if (sink && sink->too_big)
    return Result<HttpResponse>::fail("answer larger than " + std::to_string(sink->max) + " bytes: refused", url);
  if (rc != CURLE_OK) return Result<HttpResponse>::fail(std::string("network: ") + curl_easy_strerror(rc), url);
  curl_easy_getinfo(e.h, CURLINFO_RESPONSE_CODE, &resp.status);
  return resp;
}
}  // namespace

Result<HttpResponse> http_get(const std::string& url, const HttpOptions& o,
                              const std::map<std::string, std::string>& request_headers) {
  Easy e;
  if (!e.h) return Result<HttpResponse>::fail("curl init failed");
  HttpResponse resp;
  common(e, url, o, &resp);
  for (const auto& [k, v] : request_headers) e.headers = curl_slist_append(e.headers, (k + ": " + v).c_str());
  MemSink sink{&resp.body, o.max_body_bytes};
  curl_easy_setopt(e.h, CURLOPT_WRITEFUNCTION, on_body_mem);
  curl_easy_setopt(e.h, CURLOPT_WRITEDATA, &sink);
  return perform(e, resp, url, &sink);
}

Result<HttpResponse> http_send(const std::string& method, const std::string& url, const std::string& body,
                               const std::string& content_type, const HttpOptions& o) {
  Easy e;
  if (!e.h) return Result<HttpResponse>::fail("curl init failed");
  HttpResponse resp;
  common(e, url, o, &resp);
  e.headers = curl_slist_append(e.headers, ("Content-Type: " + content_type).c_str());
  curl_easy_setopt(e.h, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(e.h, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(e.h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  MemSink sink{&resp.body, o.max_body_bytes};
  curl_easy_setopt(e.h, CURLOPT_WRITEFUNCTION, on_body_mem);
  curl_easy_setopt(e.h, CURLOPT_WRITEDATA, &sink);
  return perform(e, resp, url, &sink);
}

Result<HttpResponse> http_put_file(const std::string& url, const std::filesystem::path& file, const HttpOptions& o) {
  FILE* f = std::fopen(file.c_str(), "rb");
  if (!f) return Result<HttpResponse>::fail("cannot read", file.string());
  std::unique_ptr<FILE, int (*)(FILE*)> guard(f, std::fclose);
  std::error_code ec;
  auto size = std::filesystem::file_size(file, ec);
  Easy e;
  if (!e.h) return Result<HttpResponse>::fail("curl init failed");
  HttpResponse resp;
  common(e, url, o, &resp);
  e.headers = curl_slist_append(e.headers, "Content-Type: application/octet-stream");
  e.headers = curl_slist_append(e.headers, "Expect:");
  curl_easy_setopt(e.h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(e.h, CURLOPT_READDATA, f);
  curl_easy_setopt(e.h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(size));
  MemSink sink{&resp.body, o.max_body_bytes};
  curl_easy_setopt(e.h, CURLOPT_WRITEFUNCTION, on_body_mem);
  curl_easy_setopt(e.h, CURLOPT_WRITEDATA, &sink);
  return perform(e, resp, url, &sink);
}

namespace {
struct FileSink {
  FILE* f = nullptr;
  std::filesystem::path path;
  int64_t written = 0;
  int64_t max = 0;
  int64_t start = 0;
  bool truncate_on_200 = false;
  bool decided = false;
  bool too_big = false;
  CURL* h = nullptr;
  const std::function<void()>* on_chunk = nullptr;
};

size_t on_body_file(char* p, size_t size, size_t n, void* ud) {
  auto* s = static_cast<FileSink*>(ud);
  if (!s->decided) {
    s->decided = true;
    long status = 0;
    curl_easy_getinfo(s->h, CURLINFO_RESPONSE_CODE, &status);
    const char* mode = "ab";
    if (status == 200) {
      mode = "wb";
      s->start = 0;
    }  // no resume: start over
    else if (status != 206)
      return 0;  // an error page is not content
    s->f = std::fopen(s->path.c_str(), mode);
    if (!s->f) return 0;
  }
  size_t len = size * n;
  if (s->start + s->written + static_cast<int64_t>(len) > s->max) {
    s->too_big = true;
    return 0;
  }
  if (std::fwrite(p, 1, len, s->f) != len) return 0;
  s->written += static_cast<int64_t>(len);
  if (s->on_chunk) {
    std::fflush(s->f);
    (*s->on_chunk)();
  }
  return len;
}
}  // namespace

Result<long> download_to_file(const std::string& url, const std::filesystem::path& path, int64_t max_size,
                              const HttpOptions& o) {
  Easy e;
  if (!e.h) return Result<long>::fail("curl init failed");
  HttpResponse resp;
  common(e, url, o, &resp);
  std::error_code ec;
  int64_t have = std::filesystem::exists(path, ec) ? static_cast<int64_t>(std::filesystem::file_size(path, ec)) : 0;
  if (have >= max_size) {
    // Already complete (or too long: start over).
    if (have == max_size) return 206L;
    std::filesystem::remove(path, ec);
    have = 0;
  }
  FileSink sink;
  sink.path = path;
  sink.max = max_size;
  sink.start = have;
  sink.h = e.h;
  if (o.on_chunk) sink.on_chunk = &o.on_chunk;
  if (have > 0) curl_easy_setopt(e.h, CURLOPT_RANGE, (std::to_string(have) + "-").c_str());
  curl_easy_setopt(e.h, CURLOPT_WRITEFUNCTION, on_body_file);
  curl_easy_setopt(e.h, CURLOPT_WRITEDATA, &sink);
  if (e.headers) curl_easy_setopt(e.h, CURLOPT_HTTPHEADER, e.headers);
  CURLcode rc = curl_easy_perform(e.h);
  long status = 0;
  curl_easy_getinfo(e.h, CURLINFO_RESPONSE_CODE, &status);
  if (sink.f) {
    std::fflush(sink.f);
    std::fclose(sink.f);
  }
  if (sink.too_big) {
    std::filesystem::remove(path, ec);
    return Result<long>::fail("download larger than the manifest says", url);
  }
  if (status == 416) {  // our partial file is not a prefix of this one: start over next time
    std::filesystem::remove(path, ec);
    return Result<long>::fail("server refused the range; partial file dropped", url);
  }
  if (rc != CURLE_OK && !(status != 200 && status != 206))
    return Result<long>::fail(std::string("network: ") + curl_easy_strerror(rc), url);
  if (status != 200 && status != 206) return Result<long>::fail("HTTP " + std::to_string(status), url);
  return status;
}

}  // namespace bianmin::sync
