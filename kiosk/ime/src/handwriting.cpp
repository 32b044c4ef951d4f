#include "bianmin/ime/handwriting.hpp"

#include <zinnia.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>

namespace bianmin::ime {

std::filesystem::path default_handwriting_model() {
  if (const char* env = std::getenv("BIANMIN_ZINNIA_MODEL"); env && *env) return env;
  return "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model";
}

Result<std::unique_ptr<HandwritingRecognizer>> HandwritingRecognizer::open(const std::filesystem::path& model) {
  std::unique_ptr<HandwritingRecognizer> r(new HandwritingRecognizer());
  r->recognizer_ = zinnia::Recognizer::create();
  if (!r->recognizer_)
    return Result<std::unique_ptr<HandwritingRecognizer>>::fail("zinnia: cannot create a recognizer");
  if (!r->recognizer_->open(model.c_str()))
    return Result<std::unique_ptr<HandwritingRecognizer>>::fail(
        "cannot open the handwriting model (package tegaki-zinnia-simplified-chinese): " +
            std::string(r->recognizer_->what()),
        model.string());
  return r;
}

HandwritingRecognizer::~HandwritingRecognizer() { delete recognizer_; }

std::vector<std::string> HandwritingRecognizer::classify(const Ink& ink, size_t n) const {
  std::vector<std::string> out;
  if (ink.empty() || n == 0) return out;
  // zinnia works on integer points; its model was trained in a 1000-unit box with characters
  // filling it. A villager writes anywhere on the pad, small or large, so the ink is moved and
  // scaled (keeping its shape) to fill 80% of that box, centred. Long straight segments get
  // intermediate points (a finger sampled at 60 Hz gives them anyway).
  float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
  for (const auto& stroke : ink.strokes)
    for (const auto& p : stroke)
      x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  // a dot or a short dash keeps a sensible size: never scaled from less than 1/8 of the box
  const float extent = std::max({x1 - x0, y1 - y0, std::max(ink.width, ink.height) / 8.0f, 1.0f});
  const float scale = 800.0f / extent;
  const float ox = 500.0f - (x0 + x1) * 0.5f * scale, oy = 500.0f - (y0 + y1) * 0.5f * scale;
  std::unique_ptr<zinnia::Character> c(zinnia::Character::create());
  c->set_width(1000);
  c->set_height(1000);
  size_t id = 0;
  for (const auto& stroke : ink.strokes) {
    if (stroke.empty()) continue;
    float px = 0, py = 0;
    bool first = true;
    for (const auto& p : stroke) {
      const float x = ox + p.x * scale, y = oy + p.y * scale;
      if (!first) {
        const int k = std::max(1, static_cast<int>(std::hypot(x - px, y - py) / 40.0f));
        for (int i = 1; i < k; ++i)
          c->add(id, static_cast<int>(px + (x - px) * static_cast<float>(i) / static_cast<float>(k)),
                 static_cast<int>(py + (y - py) * static_cast<float>(i) / static_cast<float>(k)));
      }
      c->add(id, static_cast<int>(x), static_cast<int>(y));
      px = x, py = y, first = false;
    }
    ++id;
  }
  if (id == 0) return out;
  std::unique_ptr<zinnia::Result> res;
  {
    std::lock_guard lock(mutex_);
    res.reset(recognizer_->classify(*c, n));
  }
  if (!res) return out;
  for (size_t i = 0; i < res->size(); ++i) out.emplace_back(res->value(i));
  return out;
}

// ------------------------------------------------------------------------------------------
RecognitionLane::RecognitionLane(std::filesystem::path model, size_t candidates, std::function<void()> wake)
    : model_(std::move(model)), candidates_(candidates), wake_(std::move(wake)) {
  thread_ = std::thread([this] { run(); });
}

RecognitionLane::~RecognitionLane() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void RecognitionLane::submit(Ink ink, uint64_t ticket) {
  {
    std::lock_guard lock(mutex_);
    request_.emplace(std::move(ink), ticket);
  }
  cv_.notify_all();
}

std::optional<Recognition> RecognitionLane::take() {
  std::lock_guard lock(mutex_);
  std::optional<Recognition> r = std::move(result_);
  result_.reset();
  return r;
}

bool RecognitionLane::busy() const {
  std::lock_guard lock(mutex_);
  return problem_.empty() && (request_.has_value() || running_);
}

bool RecognitionLane::wait_idle(double ms) const {
  std::unique_lock lock(mutex_);
  return cv_.wait_for(lock, std::chrono::duration<double, std::milli>(ms),
                      [&] { return !problem_.empty() || (!request_ && !running_ && !opening_); });
}

std::string RecognitionLane::problem() const {
  std::lock_guard lock(mutex_);
  return problem_;
}

bool RecognitionLane::ready() const {
  std::lock_guard lock(mutex_);
  return !opening_ && problem_.empty();
}

void RecognitionLane::run() {
  auto opened = HandwritingRecognizer::open(model_);
  {
    std::lock_guard lock(mutex_);
    opening_ = false;
    if (opened)
      recognizer_ = std::move(*opened);
    else
      problem_ = opened.error().to_string(), request_.reset();
  }
  cv_.notify_all();
  if (!recognizer_) return;
  for (;;) {
    std::pair<Ink, uint64_t> req;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return stop_ || request_; });
      if (stop_) return;
      req = std::move(*request_);
      request_.reset();
      running_ = true;
    }
    const auto t0 = std::chrono::steady_clock::now();
    Recognition r;
    r.ticket = req.second;
    r.candidates = recognizer_->classify(req.first, candidates_);
    r.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    {
      std::lock_guard lock(mutex_);
      result_ = std::move(r);
      running_ = false;
    }
    cv_.notify_all();
    if (wake_) wake_();
  }
}

}  // namespace bianmin::ime
