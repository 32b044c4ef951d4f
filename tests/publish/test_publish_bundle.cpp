// bianmin-publish keygen / build SRC -o DIR / sign / push / trust: what staff run to publish a
// signed bundle (layout in sync/README.md).
#include <doctest/doctest.h>

#include "publish_fixture.hpp"

using namespace bianmin::test;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

struct Publisher {
  TempDir dir{"bianmin-bundle"};
  fs::path key = dir.path() / "publisher.key";
  fs::path pub = dir.path() / "publisher.pub.json";
  fs::path channel = dir.path() / "channel";
  Publisher() {
    auto r = publish({"keygen", "-o", key.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  }
};

}  // namespace

TEST_CASE("build -o DIR writes a signed bundle; a changed guide adds a small delta") {
  Publisher p;
  SourceCopy s;
  CHECK(fs::exists(p.pub));
  auto r = publish({"build", s.src(), "-o", p.channel.string(), "--channel", "qingshi", "--key", p.key.string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(contains(r.output, "channel qingshi version 1"));
  CHECK(fs::exists(p.channel / "manifest.json"));
  CHECK(fs::exists(p.channel / "manifest.sig"));
  CHECK(fs::exists(p.channel / "files/content-1.db.zst"));
  CHECK_FALSE(fs::exists(p.channel / ".build-content.db"));
  CHECK(contains(read_file(p.channel / "manifest.json"), "\"channel\": \"qingshi\""));

  s.replace("guides/dibao.yaml", "带户口簿和身份证", "带户口簿、身份证和照片");
  // The channel is taken from the directory when not given again.
  r = publish({"build", s.src(), "-o", p.channel.string(), "--key", p.key.string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(contains(r.output, "channel qingshi version 2"));
  CHECK(contains(r.output, "delta from 1"));
  REQUIRE(fs::exists(p.channel / "files/delta-1-2.zst"));
  CHECK(fs::file_size(p.channel / "files/delta-1-2.zst") < 4096);

  // And the result passes push's check, into a directory a web server serves.
  auto www = p.dir.path() / "www/qingshi";
  r = publish({"push", p.channel.string(), "--to", www.string(), "--pub", p.pub.string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(read_file(www / "manifest.json") == read_file(p.channel / "manifest.json"));
  CHECK(fs::exists(www / "files/delta-1-2.zst"));
  CHECK_FALSE(fs::exists(www / "history"));  // publisher-side databases are never pushed
}

TEST_CASE("build -o X.db still writes a plain database, not a bundle") {
  TempDir dir("bianmin-bundle");
  SourceCopy s;
  auto r = publish({"build", s.src(), "-o", (dir.path() / "x.db").string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(fs::is_regular_file(dir.path() / "x.db"));
  CHECK_FALSE(fs::exists(dir.path() / "manifest.json"));
}

TEST_CASE("an unsigned bundle cannot be pushed until it is signed") {
  Publisher p;
  SourceCopy s;
  auto r = publish({"build", s.src(), "-o", p.channel.string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(contains(r.output, "unsigned"));
  auto www = p.dir.path() / "www";
  r = publish({"push", p.channel.string(), "--to", www.string(), "--pub", p.pub.string()});
  CHECK(r.exit_code == 1);
  CHECK_FALSE(fs::exists(www / "manifest.json"));

  r = publish({"sign", p.channel.string(), "--key", p.key.string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  r = publish({"push", p.channel.string(), "--to", www.string(), "--pub", p.pub.string()});
  CHECK_MESSAGE(r.exit_code == 0, r.output);
}

TEST_CASE("a bundle signed by a retired key is not pushed") {
  Publisher p;
  SourceCopy s;
  auto trust = p.dir.path() / "trusted_keys.json";
  auto r = publish({"trust", "add", p.pub.string(), "--trust", trust.string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  REQUIRE(publish({"build", s.src(), "-o", p.channel.string(), "--key", p.key.string()}).exit_code == 0);
  auto www = p.dir.path() / "www";
  CHECK(publish({"push", p.channel.string(), "--to", www.string(), "--trust", trust.string()}).exit_code == 0);

  std::string text = read_file(p.pub);
  auto at = text.find("\"key_id\": \"");  // written by nlohmann dump(2)
  REQUIRE(at != std::string::npos);
  std::string key_id = text.substr(at + 11, 16);
  r = publish({"trust", "retire", key_id, "--trust", trust.string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(contains(r.output, "(retired)"));
  r = publish({"push", p.channel.string(), "--to", www.string(), "--trust", trust.string()});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.output, "retired"));
}

TEST_CASE("keygen refuses to overwrite a key, and the bundle commands explain their usage") {
  Publisher p;
  CHECK(publish({"keygen", "-o", p.key.string()}).exit_code == 1);
  auto r = publish({"sign"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.output, "用法：bianmin-publish sign DIR --key K"));
  CHECK(publish({"push", p.channel.string()}).exit_code == 2);
  CHECK(publish({"bundle", "--bogus", "1"}).exit_code == 2);
}
