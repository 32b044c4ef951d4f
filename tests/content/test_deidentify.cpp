// De-identification and the raw-identifier detector (bianmin/content/deidentify.hpp).
#include "bianmin/content/deidentify.hpp"

#include <doctest/doctest.h>

using namespace bianmin::content;

TEST_CASE("ID numbers keep the region prefix and last digits; the birth date is hidden") {
  CHECK(mask_id_number("432625196209050308") == "4326**********0308");
  CHECK(mask_id_number("43262519620905031X") == "4326**********031X");
  CHECK(mask_id_number("432625620905031") == "4326********031");  // 15-digit legacy
}

TEST_CASE("ID mask widths are options but can never reveal the birth date") {
  MaskOptions wide{.id_keep_head = 10, .id_keep_tail = 8};
  std::string m = mask_id_number("432625196209050308", wide);
  CHECK(m == "432625********0308");
  CHECK(m.find("19620905") == std::string::npos);
  MaskOptions narrow{.id_keep_head = 0, .id_keep_tail = 1};
  CHECK(mask_id_number("432625196209050308", narrow) == "*****************8");
}

TEST_CASE("bank accounts show at most the last 4 digits") {
  CHECK(mask_bank_account("6236596410457500408") == "***************0408");
  CHECK(mask_bank_account("6222 0212 3456 7890") == "************7890");
  MaskOptions o{.account_keep_tail = 9};
  CHECK(mask_bank_account("6236596410457500408", o) == "***************0408");
  MaskOptions two{.account_keep_tail = 2};
  CHECK(mask_bank_account("6236596410457500408", two) == "*****************08");
}

TEST_CASE("mobile numbers hide the middle") { CHECK(mask_phone("18933791566") == "189****1566"); }

TEST_CASE("names keep the first and last character") {
  CHECK(mask_name("李四") == "李*");
  CHECK(mask_name("张三丰") == "张*丰");
  CHECK(mask_name("欧阳娜娜") == "欧阳*娜");  // a compound surname stays whole
  CHECK(mask_name("欧阳明珠") == "欧阳*珠");
  CHECK(mask_name("欧阳娜") == "欧阳*");
  CHECK(mask_name("\u3000王五\u3000") == "王*");
  CHECK(mask_name(" 王 ") == "王");
}

TEST_CASE("ID numbers are recognised by their check digit") {
  CHECK(looks_like_raw_id_number("432625196209050308"));
  CHECK_FALSE(looks_like_raw_id_number("432625196209050309"));  // wrong check digit
  CHECK(looks_like_raw_id_number("11010519491231002X"));
  CHECK(looks_like_raw_id_number("11010519491231002x"));
  CHECK(looks_like_raw_id_number("110105491231002"));  // 15-digit legacy
  CHECK_FALSE(looks_like_raw_id_number("4326**********0308"));
}

TEST_CASE("bank cards are 16-19 digits passing Luhn") {
  CHECK(looks_like_bank_card("6222021234567890128"));
  CHECK_FALSE(looks_like_bank_card("6222021234567890129"));
  CHECK(looks_like_bank_card("4111111111111111"));
  CHECK_FALSE(looks_like_bank_card("411111111111111"));  // 15 digits
}

TEST_CASE("mobiles are 11 digits starting 13-19") {
  CHECK(looks_like_mobile("13812345678"));
  CHECK_FALSE(looks_like_mobile("12812345678"));
  CHECK_FALSE(looks_like_mobile("07394826111"));
}

TEST_CASE("raw identifiers are found inside free text, also when grouped") {
  auto id = find_raw_identifier("申请人身份证432625196209050308，已核实");
  REQUIRE(id);
  CHECK(id->kind == RawIdentifier::Kind::IdNumber);
  CHECK(id->text == "432625196209050308");
  auto card = find_raw_identifier("打入 6222 0212 3456 7890 128 账户");
  REQUIRE(card);
  CHECK(card->kind == RawIdentifier::Kind::BankCard);
  auto mobile = find_raw_identifier("联系人电话138-1234-5678");
  REQUIRE(mobile);
  CHECK(mobile->kind == RawIdentifier::Kind::Mobile);
  CHECK_FALSE(find_raw_identifier("联系人电话13812345678", /*mobiles=*/false));
}

TEST_CASE("landlines, dates, money, item codes and masked values are not identifiers") {
  CHECK_FALSE(find_raw_identifier("咨询电话0739-4826111，12345热线"));
  CHECK_FALSE(find_raw_identifier("2026-11-11 发放 105.60 元，共 1234 户"));
  CHECK_FALSE(find_raw_identifier("事项编码 432625000MZ-JF-0001"));
  CHECK_FALSE(find_raw_identifier("https://zwfw.qinglan.gov.cn/item/432625000MZ-JF-0001"));
  CHECK_FALSE(find_raw_identifier("4326**********0308 ***************0408 189****1566"));
  CHECK_FALSE(find_raw_identifier("100 200 300 400 500 600"));
}

TEST_CASE("masked values never look like raw identifiers") {
  for (const char* id : {"432625196209050308", "11010519491231002X"})
    CHECK_FALSE(find_raw_identifier(mask_id_number(id)));
  CHECK_FALSE(find_raw_identifier(mask_bank_account("6222021234567890128")));
  CHECK_FALSE(find_raw_identifier(mask_phone("13812345678")));
}

TEST_CASE("a 15-digit business registration number is not an ID number") {
  // No birth date where a legacy ID has one (digits 7-12 are 000012).
  CHECK_FALSE(looks_like_raw_id_number("530100000012346"));
  CHECK_FALSE(find_raw_identifier("营业执照注册号：530100000012346"));
  // Date-shaped, but its MOD 11,10 check digit is right and the text says what it is.
  CHECK_FALSE(find_raw_identifier("承建单位营业执照注册号 530129620905126"));
  // The same digits with nothing saying so are taken for the legacy ID they may be.
  CHECK(find_raw_identifier("申请人 530129620905126"));
  CHECK(looks_like_raw_id_number("432625620905031"));
}

TEST_CASE("an 18-digit number whose birth date is no date is not an ID number") {
  // Right MOD 11-2 check digit, month 13.
  CHECK_FALSE(looks_like_raw_id_number("530129196213050300"));
}
