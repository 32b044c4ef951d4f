// Disguised identifiers (issue 15 point 10): what an input method, a spreadsheet or a careless
// clerk makes of an ID, card or mobile number is still found, in every text and URL field,
// and nothing of a raw identifier reaches the built cache.
#include <doctest/doctest.h>

#include "bianmin/base/utf8.hpp"
#include "bianmin/content/cache_writer.hpp"
#include "bianmin/content/deidentify.hpp"
#include "test_import_fixture.hpp"

using namespace bianmin;
using bianmin::test::SourceFixture;

namespace {

// "530129196209050308" typed with a Chinese input method in full-width mode.
std::string fullwidth(const std::string& ascii) {
  std::string out;
  for (char c : ascii) {
    if (c >= '!' && c <= '~') {
      utf8::append(out, static_cast<char32_t>(c) + 0xFEE0);
    } else {
      out += c;
    }
  }
  return out;
}

bool refused(const content::ImportResult& r, const std::string& file, const std::string& field,
             const std::string& what) {
  for (const auto& p : r.problems)
    if (p.file == file && p.field == field && p.message.find(what) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("fullwidth digits are folded to ASCII before the identifier scan") {
  CHECK(content::fold_identifier_text(fullwidth("530129196209050308")) == "530129196209050308");
  CHECK(content::fold_identifier_text("１３８\u3000１２３４－５６７８") == "138 1234-5678");
  CHECK(content::fold_identifier_text("①③⑧") == "138");
  CHECK(content::fold_identifier_text("13\u200B8") == "138");  // zero-width space dropped
  CHECK(content::fold_identifier_text("青石镇 105.60 元") == "青石镇 105.60 元");
}

TEST_CASE("disguised identifiers are found in free text") {
  using K = content::RawIdentifier::Kind;
  struct Case {
    std::string text;
    K kind;
  };
  const Case cases[] = {
      {"身份证号" + fullwidth("530129196209050308") + "已核实", K::IdNumber},
      {"电话" + fullwidth("13812345678"), K::Mobile},
      {"联系 +86 138 1234 5678", K::Mobile},
      {"联系+8613812345678", K::Mobile},
      {"联系 0086 138 1234 5678", K::Mobile},
      {"卡号 6222.0212.3456.7894 收款", K::BankCard},
      {"申请人530129196\n  209050308 已登记", K::IdNumber},  // split over two lines
      {"电话 1381234\n5678", K::Mobile},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto raw = content::find_raw_identifier(c.text);
    REQUIRE(raw);
    CHECK(raw->kind == c.kind);
  }
}

TEST_CASE("numbers that only look like identifiers are still not identifiers") {
  CHECK_FALSE(content::find_raw_identifier("2026.11.20 发放 105.60 元"));
  CHECK_FALSE(content::find_raw_identifier("第1500\n2000\n300项"));
  CHECK_FALSE(content::find_raw_identifier("每亩 105.60 元\n共 1234 户"));
  CHECK_FALSE(content::find_raw_identifier("咨询电话 +86 871 6000001"));
}

TEST_CASE("a fullwidth ID in a guide's summary is refused") {
  SourceFixture fx;
  fx.replace("guides/dibao.yaml", "summary: 带户口簿",
             "summary: 申请人" + fullwidth("530129196209050308") + "，带户口簿");
  CHECK(refused(fx.import(), "guides/dibao.yaml", "summary", "身份证号"));
}

TEST_CASE("a mobile with a country code in a card is refused") {
  for (const std::string& m :
       {std::string("+86 138 1234 5678"), std::string("+8613812345678"), fullwidth("13812345678")}) {
    SourceFixture fx;
    fx.replace("cards/dibao.yaml", "when: 工作日随时可以申请", "when: 工作日随时可以申请，或打 " + m);
    CHECK_MESSAGE(refused(fx.import(), "cards/dibao.yaml", "when", "手机号"), m);
  }
}

TEST_CASE("a card number written with dots in a fund remark is refused") {
  SourceFixture fx;
  fx.replace("funds/gengdi.csv", "含复垦耕地", "打入6222.0212.3456.7894");
  CHECK(refused(fx.import(), "funds/gengdi.csv", "备注", "银行卡号"));
}

TEST_CASE("an ID inside a guide's online URL (and so its QR code) is refused") {
  SourceFixture fx;
  fx.replace("guides/dibao.yaml", "item/530129000MZ-JF-0001", "item/530129000MZ-JF-0001?sfzh=530129196209050308");
  CHECK(refused(fx.import(), "guides/dibao.yaml", "online.url", "身份证号"));
}

TEST_CASE("an ID in the name column of a full_names publication is refused") {
  SourceFixture fx;
  fx.replace("funds/gengdi.yaml", "full_names: false", "full_names: true");
  fx.replace("funds/gengdi.csv", "李四", "李四530129195705160755");
  CHECK(refused(fx.import(), "funds/gengdi.csv", "姓名", "身份证号"));
}

TEST_CASE("an ID split over two lines of a policy is refused") {
  SourceFixture fx;
  fx.replace("policies/dibao.yaml", "  第一段。", "  第一段，申请人530129196\n  209050308。");
  CHECK(refused(fx.import(), "policies/dibao.yaml", "body", "身份证号"));
}

TEST_CASE("the built cache holds no raw identifier in any form") {
  // Identity columns in fullwidth digits (masked at build), full names published.
  SourceFixture fx;
  fx.replace("funds/gengdi.yaml", "full_names: false", "full_names: true");
  fx.replace("funds/gengdi.csv", "530129196209050308,6222021234567890128",
             fullwidth("530129196209050308") + "," + fullwidth("6222021234567890128"));
  auto r = fx.import();
  REQUIRE_MESSAGE(r.problems.empty(), test::dump(r.problems));
  test::TempDir out("bianmin-disguised");
  REQUIRE(content::write_cache(r.content, out.path() / "content.db"));
  const std::string bytes = test::read_file(out.path() / "content.db");
  for (const char* raw : {"530129196209050308", "530129195705160755", "530129197805194898", "6222021234567890128",
                          "6222021234567890136", "13912345678", "13812345678", "19620905", "19570516", "19780519"}) {
    CAPTURE(raw);
    CHECK(bytes.find(raw) == std::string::npos);
    CHECK(bytes.find(fullwidth(raw)) == std::string::npos);
  }
}
