// The input engines (kiosk/ime): handwriting through zinnia and the tegaki model, full pinyin
// through googlepinyin, both from Debian's packages.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>

#include "bianmin/ime/handwriting.hpp"
#include "bianmin/ime/pinyin.hpp"
#include "stroke_data.hpp"

using namespace bianmin;

namespace {

bool offers(const std::vector<ime::PinyinCandidate>& c, const std::string& text, size_t within) {
  for (size_t i = 0; i < c.size() && i < within; ++i)
    if (c[i].text == text) return true;
  return false;
}

}  // namespace

TEST_CASE("a dozen common characters written by hand are recognised in the top 5") {
  auto rec = ime::HandwritingRecognizer::open(ime::default_handwriting_model());
  REQUIRE_MESSAGE(rec, (rec ? "" : rec.error().to_string()));
  const auto chars = test::written_characters();
  REQUIRE(chars.size() >= 12);
  for (const auto& c : chars) {
    const auto got = (*rec)->classify(c.ink, 5);
    std::string list;
    for (const auto& g : got) list += g + " ";
    INFO(c.character << " → " << list);
    CHECK(std::find(got.begin(), got.end(), c.character) != got.end());
  }
}

TEST_CASE("handwriting does not depend on where and how large the character is written") {
  auto rec = ime::HandwritingRecognizer::open(ime::default_handwriting_model());
  REQUIRE(rec);
  for (const auto& c : test::written_characters()) {
    // the same character, a third of the size, in the bottom-right corner of a wide pad
    ime::Ink small = c.ink;
    small.width = 1600;
    small.height = 900;
    for (auto& s : small.strokes)
      for (auto& p : s) p = ime::InkPoint{1000 + p.x / 3, 550 + p.y / 3};
    const auto got = (*rec)->classify(small, 5);
    INFO(c.character);
    CHECK(std::find(got.begin(), got.end(), c.character) != got.end());
  }
}

TEST_CASE("a missing handwriting model is a clear error naming the file and the package") {
  auto rec = ime::HandwritingRecognizer::open("/nonexistent/handwriting.model");
  REQUIRE_FALSE(rec);
  CHECK(rec.error().file == "/nonexistent/handwriting.model");
  CHECK(rec.error().message.find("tegaki-zinnia-simplified-chinese") != std::string::npos);
}

TEST_CASE("the recognition lane answers on its own thread with the newest ink only") {
  ime::RecognitionLane lane(ime::default_handwriting_model(), 5);
  const auto chars = test::written_characters();
  REQUIRE(chars.size() >= 2);
  // Two requests in a row: the first may be replaced before it starts; the answer for the
  // second is the one that counts.
  lane.submit(chars[0].ink, 1);
  lane.submit(chars[1].ink, 2);
  REQUIRE(lane.wait_idle(20000));
  auto r = lane.take();
  REQUIRE(r);
  CHECK(r->ticket == 2);
  CHECK(std::find(r->candidates.begin(), r->candidates.end(), chars[1].character) != r->candidates.end());
  CHECK(r->ms > 0);
  CHECK_FALSE(lane.take());  // handed out once
  CHECK_FALSE(lane.busy());
  CHECK(lane.problem().empty());
}

TEST_CASE("a recognition lane without its model says why and never blocks") {
  ime::RecognitionLane lane("/nonexistent/handwriting.model", 5);
  REQUIRE(lane.wait_idle(20000));
  CHECK_FALSE(lane.ready());
  CHECK(lane.problem().find("/nonexistent/handwriting.model") != std::string::npos);
  lane.submit(ime::Ink{}, 1);
  CHECK_FALSE(lane.busy());
}

TEST_CASE("pinyin: full spellings, initials and mixes offer the words villagers look for") {
  auto dec = ime::PinyinDecoder::open(ime::default_pinyin_dictionary());
  REQUIRE_MESSAGE(dec, (dec ? "" : dec.error().to_string()));
  const auto& d = **dec;
  CHECK(offers(d.candidates("yibao", 10), "医保", 1));  // first
  CHECK(offers(d.candidates("shebaoka", 10), "社保卡", 1));
  CHECK(offers(d.candidates("gengdi", 10), "耕地", 3));
  CHECK(offers(d.candidates("zhaijidi", 10), "宅基地", 3));
  CHECK(offers(d.candidates("gaoling", 10), "高龄", 5));
  CHECK(offers(d.candidates("yanglao", 10), "养老", 3));
  CHECK(offers(d.candidates("dibao", 10), "低保", 3));
  // initials and mixes
  CHECK(offers(d.candidates("sbk", 40), "社保", 40));
  CHECK(offers(d.candidates("yib", 20), "医保", 20));
  // single characters follow the words
  CHECK(offers(d.candidates("yibao", 60), "医", 60));
}

TEST_CASE("pinyin: a candidate says how many letters it spells, so the rest stays pending") {
  auto dec = ime::PinyinDecoder::open(ime::default_pinyin_dictionary());
  REQUIRE(dec);
  const auto c = (*dec)->candidates("shebaoka", 60);
  bool saw_she = false, saw_whole = false;
  for (const auto& x : c) {
    if (x.text == "社") {
      CHECK(x.letters_used == 3);
      saw_she = true;
    }
    if (x.text == "社保卡") {
      CHECK(x.letters_used == 8);
      saw_whole = true;
    }
    if (x.text == "社保") CHECK(x.letters_used == 6);
  }
  CHECK(saw_she);
  CHECK(saw_whole);
}

TEST_CASE("pinyin: anything but lower-case letters gives nothing, and nothing is learned") {
  auto dec = ime::PinyinDecoder::open(ime::default_pinyin_dictionary());
  REQUIRE(dec);
  CHECK((*dec)->candidates("YIBAO", 10).empty());
  CHECK((*dec)->candidates("yi bao", 10).empty());
  CHECK((*dec)->candidates("", 10).empty());
  const auto first = (*dec)->candidates("yibao", 20);
  (void)(*dec)->candidates("yibiao", 20);
  const auto again = (*dec)->candidates("yibao", 20);
  REQUIRE(first.size() == again.size());
  for (size_t i = 0; i < first.size(); ++i) CHECK(first[i].text == again[i].text);
}

TEST_CASE("only one pinyin decoder is open at a time (googlepinyin keeps one per process)") {
  auto a = ime::PinyinDecoder::open(ime::default_pinyin_dictionary());
  REQUIRE(a);
  auto b = ime::PinyinDecoder::open(ime::default_pinyin_dictionary());
  CHECK_FALSE(b);
  a.value().reset();
  auto c = ime::PinyinDecoder::open(ime::default_pinyin_dictionary());
  CHECK(c);
}

TEST_CASE("a missing pinyin dictionary is a clear error naming the file and the package") {
  auto d = ime::PinyinDecoder::open("/nonexistent/dict_pinyin.dat");
  REQUIRE_FALSE(d);
  CHECK(d.error().file == "/nonexistent/dict_pinyin.dat");
  CHECK(d.error().message.find("libgooglepinyin0") != std::string::npos);
}
