// Search by Chinese input as a villager would (issue 13, Input): 社保卡 typed in pinyin and
// written by hand on the pad lands on the demo township's 社会保障卡申领 guide, at the hall's
// portrait size and on the shipped village tablet config (1280x800, dpi 150, elder mode).
#include <doctest/doctest.h>

#include <cstdlib>

#include "kiosk_test_support.hpp"
#include "stroke_data.hpp"

using namespace bianmin::test;

namespace {

const char* demo_db() {
  const char* demo = std::getenv("BIANMIN_DEMO_DB");
  REQUIRE(demo != nullptr);
  return demo;
}

std::string tablet_config() { return std::string(BIANMIN_SOURCE_DIR) + "/config/samples/kiosk-village.toml"; }

const WrittenCharacter& written(const std::string& c) {
  static const auto all = written_characters();
  for (const auto& w : all)
    if (w.character == c) return w;
  FAIL("no strokes for " << c);
  return all.front();
}

// Opening the guide: its title on screen and one of its own lines.
const char* kGuideChecks = "expect \"社会保障卡申领\"\nexpect-not \"找到\"\n";

}  // namespace

TEST_CASE("社保卡 typed in pinyin (shebaoka, then the word) lands on the 社会保障卡 guide") {
  TempDir dir("kiosk-search-pinyin");
  const std::string script = std::string("route search\n") +
                             "tap \"S\"\ntap \"H\"\ntap \"E\"\ntap \"B\"\ntap \"A\"\ntap \"O\"\ntap \"K\"\ntap \"A\"\n"
                             "expect \"shebaoka\"\n"
                             "tap \"社保卡\"\n"  // the candidate
                             "expect \"社保卡\"\n"
                             "expect \"找到\"\n"
                             "expect-not \"shebaoka\"\n"
                             "tap \"社会保障卡申领\"\n" +
                             kGuideChecks;
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--size", "1080x1920"}, {"--size", "1920x1080"}, {"--size", "1280x800", "--dpi", "150"}}) {
    auto r = run_script(dir, demo_db(), script, args);
    INFO(args.back() << ": " << r.output);
    CHECK(r.exit_code == 0);
  }
}

TEST_CASE("社保卡 written by hand on the pad, character by character, lands on the 社会保障卡 guide") {
  TempDir dir("kiosk-search-handwriting");
  std::string script = "route search\n";
  for (const char* c : {"社", "保", "卡"}) {
    script += stroke_steps(written(c));
    script += std::string("tap \"") + c + "\"\n";  // the candidate
  }
  // still on search (a candidate missing from the bar would have opened a result instead)
  script += "expect \"社保卡\"\nexpect \"找到\"\ntap \"社会保障卡申领\"\n";
  script += kGuideChecks;
  // elder mode opens on the pad
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"--size", "1080x1920", "--elder"}, {"--config", tablet_config()}}) {
    auto r = run_script(dir, demo_db(), script, args);
    INFO(args.back() << ": " << r.output);
    CHECK(r.exit_code == 0);
  }
}

TEST_CASE(
    "yibao on the keyboard offers 医保; a one-character pick keeps the rest of the letters "
    "pending") {
  TempDir dir("kiosk-search-yibao");
  auto r = run_script(dir, demo_db(),
                      "route search\n"
                      "tap \"Y\"\ntap \"I\"\ntap \"B\"\ntap \"A\"\ntap \"O\"\n"
                      "expect \"yibao\"\n"
                      "expect \"医保\"\n"  // the candidate bar
                      "tap \"医\"\n"       // one character: 医 spells "yi", "bao" stays
                      "expect \"医\"\n"
                      "expect \"bao\"\n"
                      "expect-not \"yibao\"\n"
                      "tap \"删除\"\n"  // deletes a pending letter first
                      "expect \"ba\"\n"
                      "expect-not \"bao\"\n"
                      "tap \"清空\"\n"
                      "expect \"点字母拼写\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE(
    "the pad: 删除 takes back the last stroke, 重写 clears the ink, and the idle reset forgets "
    "it") {
  TempDir dir("kiosk-search-pad");
  const auto& shi = written("十");
  auto r = run_script(dir, demo_db(),
                      "route search\n" + stroke_steps(shi) +
                          "expect \"十\"\n"  // a candidate
                          "tap \"删除\"\n"   // one stroke left: 一
                          "tap \"重写\"\n"
                          "expect \"写好后，点这里选字\"\n" +
                          stroke_steps(shi) +
                          "expect-not \"写好后，点这里选字\"\n"
                          "wait 91000\n"  // nobody there: the countdown, then the idle reset
                          "expect \"您还在使用吗\"\n"
                          "wait 16000\n"
                          "expect \"欢迎使用\"\n"
                          "tap \"搜索\"\n"
                          "expect \"写好后，点这里选字\"\n",
                      {"--size", "1080x1920", "--elder"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("home's search tile no longer says search is for pinyin initials only") {
  TempDir dir("kiosk-search-home");
  auto r = run_script(dir, demo_db(), "expect \"手写或拼音\"\nexpect-not \"拼音首字母\"\n");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("village tablet, elder mode, pinyin: the keyboard folds away for the results and comes back") {
  TempDir dir("kiosk-search-fold");
  // The shipped config (1280x800, dpi 150, elder mode): ten 15 mm keys leave no room beside the
  // results, so the keyboard sits under them and folds away: by 收起, or once a word is picked.
  auto r = run_script(dir, demo_db(),
                      "route search\n"
                      "tap \"拼音\"\n"  // elder mode opens on the pad
                      "tap \"Y\"\ntap \"L\"\ntap \"B\"\ntap \"X\"\n"
                      "expect-not \"找到\"\n"  // no room for results above the keys
                      "tap \"收起\"\n"
                      "expect \"找到\"\n"
                      "expect-not \"123\"\n"  // the keyboard is gone (its 123 key)
                      "expect \"ylbx\"\n"
                      "tap \"继续输入\"\n"
                      "tap \"清空\"\n"
                      "tap \"S\"\ntap \"H\"\ntap \"E\"\ntap \"B\"\ntap \"A\"\ntap \"O\"\ntap \"K\"\ntap \"A\"\n"
                      "tap \"社保卡\"\n"  // a whole word: the keyboard folds away by itself
                      "expect \"继续输入\"\n"
                      "drag 640 260 640 500 400\n"  // the list back at its top: the exact name is its first row
                      "wait 2000\n"
                      "tap \"社会保障卡申领\"\n" +
                          std::string(kGuideChecks),
                      {"--config", tablet_config()});
  INFO(r.output);
  CHECK(r.exit_code == 0);
}
