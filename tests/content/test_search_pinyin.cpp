// Pinyin readings (generated from Unihan) and the curated polyphone phrases
// (content/src/search_pinyin.hpp, content/src/search_polyphones.cpp).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "../../content/src/search_pinyin.hpp"  // internal module under test
#include "../../content/src/search_text.hpp"    // internal module under test

using namespace bianmin::content::search;

namespace {
bool reads_as(char32_t cp, std::string_view syllable) {
  auto r = readings(cp);
  return std::find(r.begin(), r.end(), syllable) != r.end();
}
bool reads_toned(char32_t cp, std::string_view syllable) {
  auto r = toned_readings(cp);
  return std::find(r.begin(), r.end(), syllable) != r.end();
}
std::string joined(std::string_view han) {
  std::u32string folded;
  std::string f = fold(han);
  for (size_t i = 0; i < f.size();) folded += bianmin::utf8::decode(f, i);
  std::string out;
  for (const auto& s : pinyin(folded)) out += (out.empty() ? "" : " ") + s;
  return out;
}
}  // namespace

TEST_CASE("readings come from Unihan with the customary reading first") {
  REQUIRE(!readings(U'行').empty());
  CHECK(readings(U'行').front() == "xing");
  CHECK(reads_as(U'行', "hang"));
  CHECK(readings(U'养').front() == "yang");
  CHECK(readings(U'绿').front() == "lv");  // ü is written v
  CHECK(reads_as(U'重', "chong"));
  CHECK(reads_as(U'长', "chang"));
  CHECK(reads_as(U'会', "kuai"));
  CHECK(reads_as(U'单', "shan"));
}

TEST_CASE("toned readings come from Unihan in the same order, tones as digits") {
  REQUIRE(!toned_readings(U'行').empty());
  CHECK(toned_readings(U'行').front() == "xing2");
  CHECK(reads_toned(U'行', "hang2"));
  CHECK(toned_readings(U'绿').front() == "lv4");
  CHECK(toned_readings(U'的').front() == "de5");  // neutral tone
  CHECK(toned_readings(U'为').front() == "wei4");
  CHECK(reads_toned(U'为', "wei2"));  // a second tone of the same syllable is kept
  CHECK(toned_readings(U'a').empty());
}

TEST_CASE("toned pinyin reads the phrase table with its tones; pinyin() drops them") {
  auto toned = [](std::u32string_view han) {
    std::string out;
    for (const auto& s : toned_pinyin(han)) out += (out.empty() ? "" : " ") + s;
    return out;
  };
  CHECK(toned(U"银行行长") == "yin2 hang2 hang2 zhang3");
  CHECK(toned(U"执行长期护理保险") == "zhi2 xing2 chang2 qi1 hu4 li3 bao3 xian3");
  CHECK(toned(U"重新") == "chong2 xin1");
  CHECK(toned(U"行为") == "xing2 wei2");
  CHECK(joined("行为") == "xing wei");
}

TEST_CASE("the generated table covers the whole CJK block, including rare characters") {
  CHECK(!readings(U'碑').empty());
  CHECK(!readings(U'龘').empty());
  CHECK(!readings(U'䶮').empty());  // extension A
  CHECK(readings(U'a').empty());
  CHECK(readings(U'，').empty());
}

TEST_CASE("every polyphone phrase uses readings its characters really have") {
  REQUIRE(polyphone_phrases().size() > 50);
  for (const auto& p : polyphone_phrases()) {
    std::u32string chars;
    for (size_t i = 0; i < p.phrase.size();) chars += bianmin::utf8::decode(p.phrase, i);
    std::vector<std::string> syllables;
    std::string cur;
    for (char c : p.pinyin) {
      if (c == ' ') {
        syllables.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    syllables.push_back(cur);
    INFO("phrase ", std::string(p.phrase), " = ", std::string(p.pinyin));
    REQUIRE(syllables.size() == chars.size());
    for (size_t k = 0; k < chars.size(); ++k) {
      CHECK(is_han(chars[k]));
      CHECK(fold_char(chars[k]) == chars[k]);  // simplified only
      // toned: "hang2"; the neutral tone 5 is possible on any character
      REQUIRE(syllables[k].size() > 1);
      char tone = syllables[k].back();
      CHECK((tone >= '1' && tone <= '5'));
      CHECK(reads_as(chars[k], syllables[k].substr(0, syllables[k].size() - 1)));
      if (tone != '5') CHECK(reads_toned(chars[k], syllables[k]));
    }
  }
}

TEST_CASE("polyphones read right in their phrases") {
  CHECK(joined("银行") == "yin hang");
  CHECK(joined("行长") == "hang zhang");
  CHECK(joined("银行行长") == "yin hang hang zhang");
  CHECK(joined("重庆") == "chong qing");
  CHECK(joined("长辈") == "zhang bei");
  CHECK(joined("长期") == "chang qi");
  CHECK(joined("会计") == "kuai ji");
  CHECK(joined("单县") == "shan xian");
  CHECK(joined("行政给付") == "xing zheng ji fu");
}

TEST_CASE("地 reads di in land words, de only where a phrase says so") {
  CHECK(readings(U'地').front() == "de");  // Unihan's default, which the table overrides
  CHECK(joined("耕地") == "geng di");
  CHECK(joined("宅基地") == "zhai ji di");
  CHECK(joined("耕地地力保护补贴") == "geng di di li bao hu bu tie");
  CHECK(joined("农村宅基地和建房") == "nong cun zhai ji di he jian fang");
  CHECK(joined("土地承包") == "tu di cheng bao");
  CHECK(joined("地址") == "di zhi");  // a character's own default, not only in listed phrases
  CHECK(joined("认真地办理") == "ren zhen de ban li");
  CHECK(joined("還款") == "huan kuan");
  CHECK(joined("还有") == "hai you");
}

TEST_CASE("segmentation prefers the reading that covers the most of the run") {
  CHECK(joined("执行长期护理保险") == "zhi xing chang qi hu li bao xian");  // not 行长
  CHECK(joined("银行行长") == "yin hang hang zhang");
  CHECK(joined("集中行动") == "ji zhong xing dong");  // 中行 (the bank) is not in the table
  CHECK(joined("严重新冠") == "yan zhong xin guan");
  CHECK(joined("延长期限") == "yan chang qi xian");
}

TEST_CASE("outside the phrase table a character takes its default reading") {
  CHECK(joined("行走") == "xing zou");
  CHECK(joined("重要") == "zhong yao");
  CHECK(joined("开会") == "kai hui");
  CHECK(joined("单位") == "dan wei");
  CHECK(joined("养老保险") == "yang lao bao xian");
}

TEST_CASE("traditional text reads like simplified") {
  CHECK(joined("銀行") == "yin hang");
  CHECK(joined("會計") == "kuai ji");
}

TEST_CASE("initials are taken per run of Han characters") {
  CHECK(initials("城乡居民养老保险") == std::vector<std::string>{"cxjmylbx"});
  CHECK(initials("最低生活保障（低保）申请") == std::vector<std::string>{"zdshbz", "db", "sq"});
  CHECK(initials("2026年耕地地力保护补贴") == std::vector<std::string>{"ngddlbhbt"});
  CHECK(initials("社会保障卡银行账户激活") == std::vector<std::string>{"shbzkyhzhjh"});
  CHECK(initials("ETC 2024").empty());
}

TEST_CASE("letters typed in full pinyin split into syllables") {
  auto words = [](std::string_view s) {
    std::string out;
    for (const auto& syl : split_pinyin(s).syllables) out += (out.empty() ? "" : " ") + syl;
    return out;
  };
  CHECK(words("yanglao") == "yang lao");
  CHECK(words("yanglaobaoxian") == "yang lao bao xian");
  CHECK(words("xian") == "xian");  // fewest syllables: 县 rather than 西安
  CHECK(words("dibao") == "di bao");
  CHECK(words("yangl") == "yang l");  // still typing
  CHECK(split_pinyin("yangl").last_is_prefix);
  CHECK(!split_pinyin("yanglao").last_is_prefix);
  CHECK(words("lvxing") == "lv xing");
  CHECK(split_pinyin("ylbx").syllables.empty());  // initials, not pinyin
  CHECK(split_pinyin("db").syllables.empty());
  CHECK(split_pinyin("").syllables.empty());
}

TEST_CASE("titles read as full syllables per run") {
  CHECK(syllables("银行卡") == std::vector<std::vector<std::string>>{{"yin", "hang", "ka"}});
  CHECK(syllables("低保（2025）申请") == std::vector<std::vector<std::string>>{{"di", "bao"}, {"shen", "qing"}});
}
