// 朗读 (read aloud) in the running kiosk: the speech of a guide rendered headless into a WAV
// (--audio-out, played at the kiosk's clock), stopping by a second tap, by leaving the screen
// and by the idle reset, which screens offer it, and a terminal without a sound device.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>

#include "bianmin/content/cache_writer.hpp"
#include "bianmin/speech/reading.hpp"
#include "bianmin/speech/scripts.hpp"
#include "content/fixture_content.hpp"
#include "kiosk_test_support.hpp"

using namespace bianmin;
using namespace bianmin::test;

namespace {

constexpr const char* kGuide = "62052400SB-GG-0001";

struct Wav {
  int rate = 0;
  std::vector<int16_t> samples;
  double seconds() const { return rate ? static_cast<double>(samples.size()) / rate : 0; }
  double rms() const {
    double sum = 0;
    for (int16_t s : samples) sum += static_cast<double>(s) * s;
    return samples.empty() ? 0 : std::sqrt(sum / static_cast<double>(samples.size()));
  }
};

Wav read_wav(const std::filesystem::path& path) {
  std::string bytes = read_file(path);
  REQUIRE(bytes.size() >= 44);
  REQUIRE(bytes.compare(0, 4, "RIFF") == 0);
  REQUIRE(bytes.compare(8, 4, "WAVE") == 0);
  Wav w;
  uint32_t rate = 0;
  std::memcpy(&rate, bytes.data() + 24, 4);
  w.rate = static_cast<int>(rate);
  w.samples.resize((bytes.size() - 44) / 2);
  std::memcpy(w.samples.data(), bytes.data() + 44, w.samples.size() * 2);
  return w;
}

// The syllables the kiosk reads for the fixture's guide.
size_t guide_syllables() {
  auto set = kiosk_content();
  for (const auto& g : set.guides)
    if (g.code == kGuide) {
      const content::Department* dept = nullptr;
      for (const auto& d : set.departments)
        if (d.id == g.department_id) dept = &d;
      return speech::syllable_count(speech::toned_pinyin(speech::guide_script(g, dept, set.site)));
    }
  FAIL("fixture guide missing");
  return 0;
}

RunResult run_with_env(const TempDir& dir, const std::filesystem::path& cache, const std::string& env,
                       const std::string& script) {
  write_file(dir / "steps.txt", script);
  const std::vector<std::string> argv = {"/usr/bin/env",
                                         env,
                                         kiosk_binary().string(),
                                         "--headless",
                                         "--content",
                                         cache.string(),
                                         "--today",
                                         std::string(kFixtureToday),
                                         "--time",
                                         "10:30",
                                         "--state-dir",
                                         (dir.path() / "state").string(),
                                         "--script",
                                         (dir / "steps.txt").string()};
  return run(argv);
}

}  // namespace

TEST_CASE("a guide read aloud is heard whole: not silent, as long as its syllables take") {
  TempDir dir("kiosk-speech");
  write_kiosk_cache(dir / "content.db");
  const auto wav = dir / "speech.wav";
  auto r = run_script(dir, dir / "content.db",
                      std::string("route guide/") + kGuide +
                          "\n"
                          "tap \"朗读\"\n"
                          "expect \"停止朗读\"\n"
                          "wait 400000\n"  // longer than the reading: it ends by itself
                          "expect-not \"停止朗读\"\n",
                      {"--audio-out", wav.string(), "--idle-seconds", "1000", "--attract-seconds", "2000"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  Wav w = read_wav(wav);
  const size_t syllables = guide_syllables();
  INFO("syllables ", syllables, ", seconds ", w.seconds(), ", rms ", w.rms());
  REQUIRE(syllables > 100);
  CHECK(w.rms() > 500);  // speech, not silence
  // espeak-ng at 150 words per minute: about 0.2–0.4 s per syllable, pauses included
  CHECK(w.seconds() > syllables * 0.15);
  CHECK(w.seconds() < syllables * 0.6);
}

TEST_CASE("a second tap stops the reading at once") {
  TempDir dir("kiosk-speech-stop");
  write_kiosk_cache(dir / "content.db");
  const auto wav = dir / "speech.wav";
  auto r = run_script(dir, dir / "content.db",
                      std::string("route guide/") + kGuide +
                          "\n"
                          "tap \"朗读\"\n"
                          "wait 3000\n"
                          "tap \"停止朗读\"\n"
                          "expect-not \"停止朗读\"\n"
                          "wait 10000\n",
                      {"--audio-out", wav.string()});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  Wav w = read_wav(wav);
  INFO("seconds ", w.seconds());
  CHECK(w.seconds() > 2.5);
  CHECK(w.seconds() < 4.0);  // 3 s and the frames of the taps, not the whole guide
  CHECK(w.rms() > 300);
}

TEST_CASE("leaving the screen and the idle reset stop the reading") {
  TempDir dir("kiosk-speech-leave");
  write_kiosk_cache(dir / "content.db");
  const auto back = dir / "back.wav";
  auto r = run_script(dir, dir / "content.db",
                      std::string("route guide/") + kGuide +
                          "\n"
                          "tap \"朗读\"\n"
                          "wait 2000\n"
                          "tap \"返回\"\n"
                          "wait 10000\n",
                      {"--audio-out", back.string()});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(read_wav(back).seconds() < 3.5);

  const auto idle = dir / "idle.wav";
  r = run_script(dir, dir / "content.db",
                 std::string("route guide/") + kGuide +
                     "\n"
                     "tap \"朗读\"\n"
                     "wait 20000\n"
                     "expect \"欢迎使用便民服务自助终端\"\n"  // home again
                     "expect-not \"停止朗读\"\n",
                 {"--audio-out", idle.string(), "--idle-seconds", "5", "--countdown-seconds", "3"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const double s = read_wav(idle).seconds();
  CHECK(s > 6.0);   // it read until the reset (5 s + 3 s countdown) …
  CHECK(s < 10.0);  // … and not a moment after
}

TEST_CASE("guides, cards, policies and notices offer 朗读; fund screens never do") {
  TempDir dir("kiosk-speech-screens");
  write_kiosk_cache(dir / "content.db");
  const auto wav = dir / "speech.wav";
  for (const std::string& route : {std::string("guide/") + kGuide, std::string("card/dibao"),
                                   std::string("policy/gengdi-2017"), std::string("notice/yimiao")}) {
    for (const char* elder : {"", "--elder"}) {
      std::vector<std::string> extra = {"--audio-out", wav.string()};
      if (*elder) extra.push_back(elder);
      auto r = run_script(dir, dir / "content.db", "route " + route + "\nexpect \"朗读\"\n", extra);
      INFO(route, " ", elder, ": ", r.output);
      CHECK(r.exit_code == 0);
    }
  }
  for (const char* route : {"funds", "funds/qingshi", "funds/qingshi/gengdi-2026", "home", "search/YLBX"}) {
    auto r = run_script(dir, dir / "content.db", std::string("route ") + route + "\nexpect-not \"朗读\"\n",
                        {"--audio-out", wav.string()});
    INFO(route, ": ", r.output);
    CHECK(r.exit_code == 0);
  }
}

TEST_CASE("a terminal without a sound device, or with audio off, shows no 朗读") {
  TempDir dir("kiosk-speech-device");
  write_kiosk_cache(dir / "content.db");
  const std::string script = std::string("route guide/") + kGuide + "\n";
  // SDL finds no driver: the button is hidden and the log says why
  auto r = run_with_env(dir, dir / "content.db", "SDL_AUDIODRIVER=no-such-driver", script + "expect-not \"朗读\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("朗读 is off") != std::string::npos);
  // SDL's dummy driver is a device that plays into nothing: the button shows
  r = run_with_env(dir, dir / "content.db", "SDL_AUDIODRIVER=dummy", script + "expect \"朗读\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  // [audio] enabled = false (--no-audio): hidden even with somewhere to play
  r = run_script(dir, dir / "content.db", script + "expect-not \"朗读\"\n",
                 {"--no-audio", "--audio-out", (dir / "x.wav").string()});
  INFO(r.output);
  CHECK(r.exit_code == 0);
}
