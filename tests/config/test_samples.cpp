// Every sample config we ship validates, and reads back as its comments say.
#include <doctest/doctest.h>

#include "bianmin/config/hub_config.hpp"
#include "bianmin/config/kiosk_config.hpp"
#include "support/test_support.hpp"

using namespace bianmin::config;
using bianmin::test::source_dir;

TEST_CASE("the hall terminal sample validates and is a portrait hall kiosk") {
  auto loaded = load_kiosk_config(source_dir() / "config/samples/kiosk-hall.toml");
  INFO(format_problems(loaded.problems));
  REQUIRE(loaded.ok());
  const KioskConfig& c = loaded.config;
  CHECK(c.terminal_id == "hall-01");
  CHECK(c.role == Role::Hall);
  CHECK(c.orientation == Orientation::Portrait);
  CHECK(c.screen_width == 1080);
  CHECK(c.screen_height == 1920);
  CHECK(c.diagonal_inches == doctest::Approx(43));
  CHECK(c.paper == Paper::Mm80);
  CHECK(c.printer_queue == "receipt");
  CHECK(c.trusted_keys.size() == 1);
  CHECK(c.active_keys().size() == 1);
  CHECK(c.screen_off_at == "21:00");
  CHECK(c.content_db() == "/var/lib/bianmin/content.db");
  CHECK(c.outbox_db() == "/var/lib/bianmin/outbox.db");
}

TEST_CASE("the village terminal sample validates, with a retired key and elder mode on") {
  auto loaded = load_kiosk_config(source_dir() / "config/samples/kiosk-village.toml");
  INFO(format_problems(loaded.problems));
  REQUIRE(loaded.ok());
  const KioskConfig& c = loaded.config;
  CHECK(c.role == Role::Village);
  CHECK(c.village_id == "shangba");
  CHECK(c.elder_mode_default);
  CHECK(c.paper == Paper::Mm58);
  CHECK(c.idle_warn_seconds == 120);
  CHECK(c.idle_countdown_seconds == 20);  // not written: the default
  REQUIRE(c.trusted_keys.size() == 2);
  CHECK(c.trusted_keys[0].retired);
  REQUIRE(c.active_keys().size() == 1);
  CHECK(c.active_keys()[0].id == "qingshi-2026");
  CHECK(c.proxy == "http://10.20.0.1:3128");
}

TEST_CASE("the hub sample validates") {
  auto loaded = load_hub_config(source_dir() / "config/samples/hub.toml");
  INFO(format_problems(loaded.problems));
  REQUIRE(loaded.ok());
  CHECK(loaded.config.port == 8080);
  CHECK(loaded.config.staff_tokens.size() == 1);
  CHECK(loaded.config.channels() == "/var/lib/bianmin-hub/channels");
  CHECK(loaded.config.store_db() == "/var/lib/bianmin-hub/hub.db");
}

TEST_CASE("physical size gives pixels per millimetre") {
  KioskConfig c;
  c.screen_width = 1080;
  c.screen_height = 1920;
  c.diagonal_inches = 43;
  CHECK(c.pixels_per_mm() == doctest::Approx(2203.0 / (43 * 25.4)).epsilon(0.01));
  c.diagonal_inches = 0;
  c.dpi = 254;
  CHECK(c.pixels_per_mm() == doctest::Approx(10));
  c.dpi = 0;
  CHECK(c.pixels_per_mm() == doctest::Approx(96 / 25.4));
}

TEST_CASE("QR codes may point only to allowed hosts") {
  KioskConfig c;  // default: *.gov.cn
  CHECK(c.qr_url_allowed("https://zwfw.yn.gov.cn/item/123"));
  CHECK(c.qr_url_allowed("https://WWW.Example.GOV.CN:8443/x"));
  CHECK_FALSE(c.qr_url_allowed("https://gov.cn.evil.com/"));
  CHECK_FALSE(c.qr_url_allowed("https://evil.com/?x=.gov.cn"));
  CHECK_FALSE(c.qr_url_allowed("https://user@evil.com/.gov.cn"));
  CHECK_FALSE(c.qr_url_allowed("javascript:alert(1)"));
  c.allowed_qr_hosts = {"zwfw.yunnan.cn"};
  CHECK(c.qr_url_allowed("https://zwfw.yunnan.cn/a"));
  CHECK_FALSE(c.qr_url_allowed("https://x.zwfw.yunnan.cn/a"));
  c.allowed_qr_hosts = {};
  CHECK_FALSE(c.qr_url_allowed("https://zwfw.yunnan.cn/a"));
}
