// The Speaker: real espeak-ng synthesis on its worker thread into the PCM queue (no sound
// device needed), stopping, and what each kind of item reads.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <thread>
#include <vector>

#include "bianmin/speech/reading.hpp"
#include "bianmin/speech/scripts.hpp"
#include "bianmin/speech/speaker.hpp"
#include "content/fixture_content.hpp"

using namespace bianmin;

namespace {
std::unique_ptr<speech::Speaker> make_speaker() {
  std::string error;
  auto s = speech::Speaker::create({}, &error);
  INFO(error);
  REQUIRE(s);
  return s;
}

// Pulls everything the speaker says (bounded), as fast as it is made.
std::vector<int16_t> drain(speech::Speaker& s, double max_seconds) {
  std::vector<int16_t> all, buf(1024);
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(max_seconds);
  while (s.speaking() && std::chrono::steady_clock::now() < end) {
    size_t got = s.pull(buf.data(), buf.size());
    all.insert(all.end(), buf.begin(), buf.begin() + static_cast<long>(got));
    if (got == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return all;
}
}  // namespace

TEST_CASE("a sentence becomes audible speech as long as its syllables take") {
  auto s = make_speaker();
  const std::string text = "城乡居民养老保险，每人每年400元。";
  s->say(text);
  auto pcm = drain(*s, 20);
  const double seconds = static_cast<double>(pcm.size()) / s->sample_rate();
  const size_t syllables = speech::syllable_count(speech::toned_pinyin(text));
  INFO("seconds ", seconds, " syllables ", syllables);
  CHECK(syllables == 15);
  CHECK(seconds > syllables * 0.15);
  CHECK(seconds < syllables * 0.6);
  double sum = 0;
  for (int16_t v : pcm) sum += static_cast<double>(v) * v;
  CHECK(std::sqrt(sum / static_cast<double>(pcm.size())) > 500);
  CHECK(!s->speaking());
  auto st = s->stats();
  CHECK(st.audio_seconds > 0);
  CHECK(st.synth_seconds < st.audio_seconds);  // faster than real time
}

TEST_CASE("stop ends the reading: silence from the next pull, nothing left to say") {
  auto s = make_speaker();
  std::string text;
  for (int k = 0; k < 20; ++k) text += "请带上身份证和户口簿到镇便民服务中心一号窗口办理。";
  s->say(text);
  std::vector<int16_t> buf(4096);
  size_t got = 0;
  for (int k = 0; k < 2000 && got == 0; ++k) {
    got = s->pull(buf.data(), buf.size());
    if (got == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  REQUIRE(got > 0);
  s->stop();
  CHECK(s->pull(buf.data(), buf.size()) == 0);
  // The synthesis thread notices the stop within one chunk: well under a second, but a chunk can
  // take longer under the sanitizers on a loaded machine, so wait up to 10 s. (A stop racing the
  // worker's samples once left the queue refilled and this never became false: see speaker.cpp.)
  for (int k = 0; k < 2000 && s->speaking(); ++k) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(!s->speaking());
  for (int16_t v : buf) CHECK(v == 0);  // the pull after stop filled silence
  // and it speaks again after a stop
  s->say("你好。");
  CHECK(!drain(*s, 10).empty());
}

TEST_CASE("volume scales the samples") {
  auto s = make_speaker();
  s->set_volume(0);
  s->say("你好。");
  auto pcm = drain(*s, 10);
  REQUIRE(!pcm.empty());
  for (int16_t v : pcm) CHECK(v == 0);
}

TEST_CASE("each item's script reads its published fields, in order") {
  const content::ContentSet set = test::fixture_content();
  REQUIRE(!set.guides.empty());
  const auto& g = set.guides.front();
  const std::string guide = speech::guide_script(g, nullptr, set.site);
  CHECK(guide.rfind(g.name + "。", 0) == 0);
  CHECK(guide.find("申请材料：") != std::string::npos);
  CHECK(guide.find(g.code) == std::string::npos);  // codes are not read
  REQUIRE(!set.cards.empty());
  const std::string card = speech::card_script(set.cards.front());
  CHECK(card.find("谁能办：") != std::string::npos);
  CHECK(card.find("咨询电话：") != std::string::npos);
  REQUIRE(!set.notices.empty());
  const std::string notice = speech::notice_script(set.notices.front());
  CHECK(notice.rfind(set.notices.front().title + "。\n", 0) == 0);
  CHECK(notice.find(set.notices.front().body) != std::string::npos);
  CHECK(notice.find("。。") == std::string::npos);
  REQUIRE(!set.policies.empty());
  const std::string policy = speech::policy_script(set.policies.front());
  CHECK(policy.rfind(set.policies.front().title, 0) == 0);
}

TEST_CASE("a second speaker in the same process is refused, not left waiting") {
  auto first = make_speaker();
  std::string error;
  auto second = speech::Speaker::create({}, &error);
  CHECK(!second);
  CHECK(error.find("another speaker") != std::string::npos);
  first.reset();
  CHECK(speech::Speaker::create({}, &error) != nullptr);  // free again once the first is gone
}
