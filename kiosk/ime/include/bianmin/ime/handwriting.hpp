// Handwriting recognition with zinnia and the tegaki simplified-Chinese model (both Debian
// packages: libzinnia0, tegaki-zinnia-simplified-chinese).
//
// Promises:
//  - Ink is the finger's path, stroke by stroke, in a box of any size; only the shape counts.
//  - classify() is thread-safe and returns up to n characters, the likeliest first.
//  - RecognitionLane runs classify() on its own thread: one stroke costs 5–50 ms here
//    (`bianmin-bench input`), far more than a frame can spare. A new request replaces one that
//    has not started; take() hands back only the newest result, once.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bianmin/base/result.hpp"

namespace zinnia {
class Recognizer;
}

namespace bianmin::ime {

struct InkPoint {
  float x = 0, y = 0;
};
struct Ink {
  float width = 1000, height = 1000;           // the writing box
  std::vector<std::vector<InkPoint>> strokes;  // in writing order, each from touch-down to lift
  bool empty() const { return strokes.empty(); }
};

// Where Debian's package puts the model; BIANMIN_ZINNIA_MODEL overrides it.
std::filesystem::path default_handwriting_model();

class HandwritingRecognizer {
 public:
  // Opens (maps) the model: ~20 ms, 26 MB mapped read-only.
  static Result<std::unique_ptr<HandwritingRecognizer>> open(const std::filesystem::path& model);
  ~HandwritingRecognizer();
  HandwritingRecognizer(const HandwritingRecognizer&) = delete;
  HandwritingRecognizer& operator=(const HandwritingRecognizer&) = delete;

  // Up to `n` candidate characters (UTF-8), best first; empty for empty ink.
  std::vector<std::string> classify(const Ink& ink, size_t n) const;

 private:
  HandwritingRecognizer() = default;
  zinnia::Recognizer* recognizer_ = nullptr;
  mutable std::mutex mutex_;  // zinnia does not promise concurrent classify()
};

struct Recognition {
  uint64_t ticket = 0;                  // what submit() was given
  std::vector<std::string> candidates;  // best first
  double ms = 0;                        // time classify() took
};

// One worker thread in front of a recognizer. The model is opened on that thread, so creating
// a lane costs the caller nothing; until it is open (or if it cannot be) requests wait/fail.
class RecognitionLane {
 public:
  // `wake` is called on the worker thread after each result (e.g. to push an SDL event so an
  // idle event loop draws the candidates).
  RecognitionLane(std::filesystem::path model, size_t candidates, std::function<void()> wake = {});
  ~RecognitionLane();
  RecognitionLane(const RecognitionLane&) = delete;
  RecognitionLane& operator=(const RecognitionLane&) = delete;

  void submit(Ink ink, uint64_t ticket);  // replaces a request not yet started
  std::optional<Recognition> take();      // the newest result not taken yet
  bool busy() const;                      // a request is waiting or running
  // Blocks until nothing is waiting or running (headless scripts, tests), at most `ms`.
  bool wait_idle(double ms) const;
  // "" while opening or when ready; otherwise why handwriting is unavailable.
  std::string problem() const;
  bool ready() const;  // the model is open

 private:
  void run();
  std::filesystem::path model_;
  size_t candidates_;
  std::function<void()> wake_;
  std::unique_ptr<HandwritingRecognizer> recognizer_;
  mutable std::mutex mutex_;
  mutable std::condition_variable cv_;
  std::optional<std::pair<Ink, uint64_t>> request_;
  std::optional<Recognition> result_;
  bool running_ = false, opening_ = true, stop_ = false;
  std::string problem_;
  std::thread thread_;
};

}  // namespace bianmin::ime
