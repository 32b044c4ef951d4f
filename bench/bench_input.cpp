// bianmin-bench input [--strokes FILE] [--rounds N]: Chinese input (issue 13).
//  - handwriting: the model's open time; recognition time per stroke, as the pad asks for it
//    (after every stroke, the ink so far), over the hand-written characters of
//    tests/kiosk/data/handwriting_strokes.txt, N rounds: p50, p99, max. This is why the pad
//    recognises on a worker (RecognitionLane) and not on the frame;
//  - the frame's share: RecognitionLane::submit() as the frame thread sees it;
//  - pinyin: the dictionary's open time and candidates() per spelling (p50, p99).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench.hpp"
#include "bianmin/ime/handwriting.hpp"
#include "bianmin/ime/pinyin.hpp"

namespace {

using namespace bianmin;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

std::vector<ime::Ink> read_inks(const std::string& path) {
  std::vector<ime::Ink> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string w;
    words >> w;  // the character
    ime::Ink ink;
    ink.strokes.emplace_back();
    while (words >> w) {
      if (w == ";") {
        ink.strokes.emplace_back();
        continue;
      }
      const auto comma = w.find(',');
      ink.strokes.back().push_back(ime::InkPoint{std::stof(w.substr(0, comma)), std::stof(w.substr(comma + 1))});
    }
    out.push_back(std::move(ink));
  }
  return out;
}

int bench_input(const std::vector<std::string>& args) {
  std::string strokes = BIANMIN_STROKES_DEFAULT;
  int rounds = 3;
  for (size_t i = 0; i + 1 < args.size(); i += 2) {
    if (args[i] == "--strokes")
      strokes = args[i + 1];
    else if (args[i] == "--rounds")
      rounds = std::max(1, std::stoi(args[i + 1]));
    else {
      std::fprintf(stderr, "bench input: unknown option %s\n", args[i].c_str());
      return 2;
    }
  }
  const auto inks = read_inks(strokes);
  if (inks.empty()) {
    std::fprintf(stderr, "bench input: no strokes in %s\n", strokes.c_str());
    return 1;
  }

  auto t0 = Clock::now();
  auto rec = ime::HandwritingRecognizer::open(ime::default_handwriting_model());
  if (!rec) {
    std::fprintf(stderr, "bench input: %s\n", rec.error().to_string().c_str());
    return 1;
  }
  bench::figure("input.handwriting_open", ms_since(t0), "ms");
  std::vector<double> per_stroke;
  for (int r = 0; r < rounds; ++r)
    for (const auto& ink : inks)
      for (size_t n = 1; n <= ink.strokes.size(); ++n) {
        ime::Ink so_far = ink;
        so_far.strokes.resize(n);
        t0 = Clock::now();
        (void)(*rec)->classify(so_far, 40);
        per_stroke.push_back(ms_since(t0));
      }
  bench::figure("input.recognition_per_stroke_p50", bench::percentile(per_stroke, 50), "ms");
  bench::figure("input.recognition_per_stroke_p99", bench::percentile(per_stroke, 99), "ms");
  bench::figure("input.recognition_per_stroke_max", bench::percentile(per_stroke, 100), "ms");
  bench::figure("input.recognition_strokes", static_cast<double>(per_stroke.size()), "strokes");

  {
    ime::RecognitionLane lane(ime::default_handwriting_model(), 40);
    lane.wait_idle(60000);
    std::vector<double> submit;
    uint64_t ticket = 0;
    for (const auto& ink : inks) {
      t0 = Clock::now();
      lane.submit(ink, ++ticket);
      submit.push_back(ms_since(t0));
      lane.wait_idle(60000);
      (void)lane.take();
    }
    bench::figure("input.frame_submit_p99", bench::percentile(submit, 99), "ms");
  }

  t0 = Clock::now();
  auto dec = ime::PinyinDecoder::open(ime::default_pinyin_dictionary());
  if (!dec) {
    std::fprintf(stderr, "bench input: %s\n", dec.error().to_string().c_str());
    return 1;
  }
  bench::figure("input.pinyin_open", ms_since(t0), "ms");
  const char* spellings[] = {"y",      "yi",       "yib",           "yiba",   "yibao",   "s",        "sh",
                             "she",    "sheb",     "sheba",         "shebao", "shebaok", "shebaoka", "ylbx",
                             "gengdi", "zhaijidi", "gaolingjintie", "sbk",    "dibao",   "hukou"};
  std::vector<double> spell;
  for (int r = 0; r < rounds * 10; ++r)
    for (const char* s : spellings) {
      t0 = Clock::now();
      (void)(*dec)->candidates(s, 60);
      spell.push_back(ms_since(t0));
    }
  bench::figure("input.pinyin_candidates_p50", bench::percentile(spell, 50), "ms");
  bench::figure("input.pinyin_candidates_p99", bench::percentile(spell, 99), "ms");
  return 0;
}

}  // namespace

BIANMIN_BENCH("input",
              "handwriting recognition time per stroke (why it runs on a worker), pinyin "
              "candidates per spelling",
              bench_input);
