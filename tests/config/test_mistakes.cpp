// One case per kind of mistake a maintainer makes in a config file: each is reported with
// the file, the line, the key and what is allowed, and none stops the others being found.
#include <doctest/doctest.h>

#include <string>

#include "bianmin/config/hub_config.hpp"
#include "bianmin/config/kiosk_config.hpp"

using namespace bianmin::config;

namespace {

// A valid minimal kiosk file; tests append or replace lines.
const std::string kValid =
    "[terminal]\n"                                               // 1
    "id = \"hall-01\"\n"                                         // 2
    "role = \"hall\"\n"                                          // 3
    "[[sync.trusted_keys]]\n"                                    // 4
    "id = \"k1\"\n"                                              // 5
    "key = \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"\n";  // 6

Loaded<KioskConfig> kiosk(const std::string& text) { return parse_kiosk_config(text, "kiosk.toml"); }

bianmin::Problem only(const Loaded<KioskConfig>& l) {
  INFO(format_problems(l.problems));
  REQUIRE(l.problems.size() == 1);
  return l.problems[0];
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the minimal file is valid and everything else takes its default") {
  auto l = kiosk(kValid);
  INFO(format_problems(l.problems));
  CHECK(l.ok());
  CHECK(l.config.idle_warn_seconds == 90);
  CHECK(l.config.state_dir == "/var/lib/bianmin");
}

TEST_CASE("an unknown key is reported with its line and the nearest known key") {
  const auto p = only(kiosk(kValid + "[idle]\nwarn_secs = 60\n"));
  CHECK(p.file == "kiosk.toml");
  CHECK(p.line == 8);
  CHECK(p.field == "idle.warn_secs");
  CHECK(contains(p.message, "未知"));
  CHECK(contains(p.message, "idle.warn_seconds"));
}

TEST_CASE("an unknown section is reported, not ignored") {
  const auto p = only(kiosk(kValid + "[display]\nbrightness = 80\n"));
  CHECK(p.field == "display");
  CHECK(p.line == 7);
  CHECK(contains(p.message, "screen"));  // lists what the top level allows
}

TEST_CASE("a wrong type names what was found and what is expected") {
  const auto p = only(kiosk(kValid + "[screen]\nwidth = \"1080\"\n"));
  CHECK(p.line == 8);
  CHECK(p.field == "screen.width");
  CHECK(contains(p.message, "整数"));
  CHECK(contains(p.message, "320..8192"));
  CHECK(contains(p.message, "字符串 \"1080\""));
}

TEST_CASE("a quoted boolean is a wrong type") {
  const auto p = only(kiosk(kValid + "[ui]\nelder_mode_default = \"true\"\n"));
  CHECK(p.field == "ui.elder_mode_default");
  CHECK(contains(p.message, "true 或 false"));
}

TEST_CASE("a number out of range says the range") {
  const auto p = only(kiosk(kValid + "[idle]\nwarn_seconds = 5\n"));
  CHECK(p.line == 8);
  CHECK(p.field == "idle.warn_seconds");
  CHECK(contains(p.message, "10..3600"));
  CHECK(contains(p.message, "5"));
}

TEST_CASE("a bad choice lists the allowed choices") {
  const auto p = only(kiosk(kValid + "[printer]\npaper = \"76mm\"\n"));
  CHECK(p.field == "printer.paper");
  CHECK(contains(p.message, "58mm, 80mm, a4"));
}

TEST_CASE("a malformed string value says what is allowed") {
  const auto p = only(kiosk(kValid + "[sync]\nhub_url = \"hub.local:8080\"\n"));
  CHECK(p.field == "sync.hub_url");
  CHECK(contains(p.message, "http://"));
}

TEST_CASE("missing required keys are each reported, pointing at their section") {
  auto l = kiosk("[terminal]\nlocation = \"大厅\"\n");
  INFO(format_problems(l.problems));
  REQUIRE(l.problems.size() == 3);
  CHECK(l.problems[0].field == "terminal.id");
  CHECK(l.problems[0].line == 1);  // the [terminal] header
  CHECK(contains(l.problems[0].message, "缺少必填项"));
  CHECK(l.problems[1].field == "terminal.role");
  CHECK(l.problems[2].field == "sync.trusted_keys");
  CHECK(l.problems[2].line == 0);  // no [sync] at all
}

TEST_CASE("malformed TOML is reported with its line and column") {
  auto l = kiosk("[terminal]\nid = \"hall-01\"\nrole = hall\n");
  const auto p = only(l);
  CHECK(p.line == 3);
  CHECK(contains(p.message, "TOML"));
  CHECK(contains(p.message, "列"));
}

TEST_CASE("a missing file is one plain problem") {
  auto l = load_kiosk_config("/nonexistent/kiosk.toml");
  const auto p = only(l);
  CHECK(p.file == "/nonexistent/kiosk.toml");
  CHECK(contains(p.message, "无法打开"));
}

TEST_CASE("every mistake in a file is reported at once, in file order") {
  auto l = kiosk(kValid + "[screen]\nwidht = 1\nheight = -4\norientation = \"sideways\"\n[foo]\n");
  INFO(format_problems(l.problems));
  REQUIRE(l.problems.size() == 4);
  CHECK(l.problems[0].line == 8);
  CHECK(l.problems[1].line == 9);
  CHECK(l.problems[2].line == 10);
  CHECK(l.problems[3].line == 11);
}

TEST_CASE("contradictions between keys are reported") {
  SUBCASE("a village terminal without its village") {
    const auto p =
        only(kiosk("[terminal]\nid = \"v-01\"\nrole = \"village\"\n" + kValid.substr(kValid.find("[[sync"))));
    CHECK(p.field == "terminal.village");
    CHECK(p.line == 3);
  }
  SUBCASE("both diagonal and dpi") {
    const auto p = only(kiosk(kValid + "[screen]\ndiagonal_inches = 21.5\ndpi = 100\n"));
    CHECK(p.field == "screen.dpi");
  }
  SUBCASE("screen off without screen on") {
    const auto p = only(kiosk(kValid + "[power]\nscreen_off_at = \"21:00\"\n"));
    CHECK(p.field == "power.screen_on_at");
  }
  SUBCASE("only retired keys") {
    const auto p = only(kiosk(kValid + "retired = true\n"));
    CHECK(p.field == "sync.trusted_keys");
    CHECK(contains(p.message, "停用"));
  }
}

TEST_CASE("a bad trusted key names its element") {
  auto l = kiosk(kValid + "[[sync.trusted_keys]]\nid = \"k2\"\nkey = \"not-base64\"\nexpires = 1\n");
  INFO(format_problems(l.problems));
  REQUIRE(l.problems.size() == 2);
  CHECK(l.problems[0].field == "sync.trusted_keys[1].key");
  CHECK(l.problems[0].line == 9);
  CHECK(l.problems[1].field == "sync.trusted_keys[1].expires");
}

TEST_CASE("valid values that came before a mistake are still used") {
  auto l = kiosk(kValid + "[screen]\nwidth = 1280\nheight = 800\norientation = 3\n");
  CHECK_FALSE(l.ok());
  CHECK(l.config.screen_width == 1280);
  CHECK(l.config.screen_height == 800);
  CHECK(l.config.orientation == Orientation::Portrait);  // the default, the bad value ignored
}

TEST_CASE("hub config mistakes are reported the same way") {
  auto l = parse_hub_config("[server]\nport = 70000\nlisten_address = \"localhost\"\n[[staff]]\nname = \"wl\"\n",
                            "hub.toml");
  INFO(format_problems(l.problems));
  REQUIRE(l.problems.size() == 3);
  CHECK(l.problems[0].field == "server.port");
  CHECK(l.problems[0].line == 2);
  CHECK(l.problems[1].field == "server.listen_address");
  CHECK(l.problems[2].field == "staff[0].token_hash");
  CHECK(l.problems[2].line == 4);
}

TEST_CASE("hub store: sqlite by default, postgresql needs a connection string and never a password") {
  auto plain = parse_hub_config("", "hub.toml");
  CHECK(plain.ok());
  CHECK(plain.config.store_engine == HubConfig::StoreEngine::Sqlite);
  auto pg = parse_hub_config("[store]\nengine = \"postgresql\"\nconnection = \"host=/run/postgresql dbname=bianmin\"\n",
                             "hub.toml");
  INFO(format_problems(pg.problems));
  CHECK(pg.ok());
  CHECK(pg.config.store_engine == HubConfig::StoreEngine::Postgresql);
  CHECK(pg.config.store_connection == "host=/run/postgresql dbname=bianmin");
  auto bare = parse_hub_config("[store]\nengine = \"postgresql\"\n", "hub.toml");
  REQUIRE(bare.problems.size() == 1);
  CHECK(bare.problems[0].field == "store.connection");
  CHECK(bare.problems[0].line == 2);
  auto blank = parse_hub_config("[store]\nengine = \"postgresql\"\nconnection = \"\"\n", "hub.toml");
  REQUIRE(blank.problems.size() == 1);
  CHECK(blank.problems[0].field == "store.connection");
  auto bad = parse_hub_config("[store]\nengine = \"mysql\"\nconnection = \"host=db PASSWORD=secret\"\n", "hub.toml");
  REQUIRE(bad.problems.size() == 2);
  CHECK(bad.problems[0].field == "store.engine");
  CHECK(bad.problems[1].field == "store.connection");
}

TEST_CASE("printer.language: escpos on rolls, pdf anywhere, escpos on A4 is a mistake") {
  auto ok = kiosk(kValid + "[printer]\nqueue = \"receipt\"\npaper = \"58mm\"\nlanguage = \"escpos\"\n");
  INFO(format_problems(ok.problems));
  CHECK(ok.ok());
  CHECK(ok.config.printer_language == PrinterLanguage::EscPos);
  CHECK(ok.config.printer_width_dots == 0);  // by paper: 384
  CHECK(kiosk(kValid).config.printer_language == PrinterLanguage::Pdf);
  const auto a4 = only(kiosk(kValid + "[printer]\npaper = \"a4\"\nlanguage = \"escpos\"\n"));
  CHECK(a4.field == "printer.language");
  CHECK(contains(a4.message, "pdf"));
  const auto odd = only(kiosk(kValid + "[printer]\nlanguage = \"escpos\"\nwidth_dots = 380\n"));
  CHECK(odd.field == "printer.width_dots");
  CHECK(contains(odd.message, "8 的倍数"));
  const auto typo = only(kiosk(kValid + "[printer]\nlanguage = \"esc/pos\"\n"));
  CHECK(typo.field == "printer.language");
  CHECK(contains(typo.message, "escpos"));
}

// Problems go to the log, the journal and (for a kiosk with a broken file) the staff lines on
// its screen: a value that may be a secret is named by key and line, never quoted.
TEST_CASE("a refused store.connection is reported without its value") {
  const std::string secret = "host=db.example user=bianmin password=Tiger-42-secret";
  auto l = parse_hub_config(
      "[server]\nport = 8080\n[store]\nengine = \"postgresql\"\nconnection = \"" + secret + "\"\n", "hub.toml");
  const std::string all = format_problems(l.problems);
  INFO(all);
  REQUIRE(l.problems.size() == 1);
  CHECK(l.problems[0].field == "store.connection");
  CHECK(l.problems[0].line == 5);
  CHECK(contains(l.problems[0].message, "口令"));  // says what is wrong
  CHECK_FALSE(contains(all, "Tiger-42-secret"));
  CHECK_FALSE(contains(all, "db.example"));
  CHECK(l.config.store_connection.empty());  // and the refused value is not used

  auto too_long = parse_hub_config("[store]\nconnection = \"host=db x=" + std::string(1100, 'k') + "\"\n", "hub.toml");
  REQUIRE(too_long.problems.size() == 1);
  CHECK(contains(too_long.problems[0].message, "1000"));
  CHECK_FALSE(contains(too_long.problems[0].message, "host=db"));

  // A whole section written as one string: the kind is named, not the text.
  auto flat = parse_hub_config("store = \"postgresql://bianmin:Tiger-42-secret@db/bianmin\"\n", "hub.toml");
  REQUIRE(flat.problems.size() == 1);
  CHECK(flat.problems[0].field == "store");
  CHECK(contains(flat.problems[0].message, "字符串"));
  CHECK_FALSE(contains(flat.problems[0].message, "Tiger-42-secret"));
}

TEST_CASE("a token or PIN pasted where its hash belongs is not echoed") {
  const std::string token = "pl4inT0ken_pasted_by_mistake";
  auto hub = parse_hub_config(
      "[terminals]\nenroll_token_hash = \"" + token + "\"\n[[staff]]\nname = \"wl\"\ntoken_hash = \"" + token + "\"\n",
      "hub.toml");
  const std::string hub_all = format_problems(hub.problems);
  INFO(hub_all);
  REQUIRE(hub.problems.size() == 2);
  CHECK(hub.problems[0].field == "terminals.enroll_token_hash");
  CHECK(hub.problems[0].line == 2);
  CHECK(contains(hub.problems[0].message, "new-token"));
  CHECK(hub.problems[1].field == "staff[0].token_hash");
  CHECK(hub.problems[1].line == 5);
  CHECK_FALSE(contains(hub_all, token));

  const auto pin = only(kiosk(kValid + "[staff]\npin_hash = \"246813\"\n"));
  CHECK(pin.field == "staff.pin_hash");
  CHECK(pin.line == 8);
  CHECK(contains(pin.message, "hash-pin"));
  CHECK_FALSE(contains(pin.message, "246813"));
  const auto bare_pin = only(kiosk(kValid + "[staff]\npin_hash = 246813\n"));  // unquoted: an integer
  CHECK(contains(bare_pin.message, "整数"));
  CHECK_FALSE(contains(bare_pin.message, "246813"));

  const auto proxy = only(kiosk(kValid + "[sync]\nproxy = \"ftp://clerk:Tiger-42-secret@proxy.local:3128\"\n"));
  CHECK(proxy.field == "sync.proxy");
  CHECK(contains(proxy.message, "socks5://"));
  CHECK_FALSE(contains(proxy.message, "Tiger-42-secret"));
}

TEST_CASE("fields that hold no secret still quote the refused value") {
  const auto p = only(kiosk(kValid + "[sync]\nchannel = \"Main Hall\"\n"));
  CHECK(contains(p.message, "\"Main Hall\""));
}
