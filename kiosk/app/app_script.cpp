// Script steps (see script.hpp) carried out on the running app, as a person would.
#include <chrono>
#include <cmath>
#include <filesystem>
#include <system_error>
#include <thread>

#include "app/app.hpp"
#include "app/print_desk.hpp"
#include "widgets/text_input.hpp"

namespace bianmin::kiosk {
namespace {

const WidgetRec* find_widget(const std::vector<WidgetRec>& widgets, const std::string& label) {
  // exact label first, then a label containing the text
  for (const auto& w : widgets)
    if (w.label == label) return &w;
  for (const auto& w : widgets)
    if (w.label.find(label) != std::string::npos) return &w;
  return nullptr;
}

std::string on_screen(const std::vector<WidgetRec>& widgets, const std::vector<std::string>& texts) {
  std::string s = "tappable:";
  for (const auto& w : widgets) s += " [" + w.label + "]";
  s += "\ntexts:";
  size_t n = 0;
  for (const auto& t : texts) {
    if (++n > 60) {
      s += " …";
      break;
    }
    s += " \"" + t + "\"";
  }
  return s;
}

}  // namespace

Status App::run_step(const ScriptStep& s) {
  const float step_ms = 16;
  switch (s.kind) {
    case ScriptStep::Kind::TapLabel:
    case ScriptStep::Kind::TapPoint: {
      float x = s.x1, y = s.y1;
      if (s.kind == ScriptStep::Kind::TapLabel) {
        // Where the label is now, as a person sees it: a fresh frame (the last one may have been
        // drawn with the start-up atlas, whose text widths differ).
        dirty_ = true;
        frame();
        const WidgetRec* found = find_widget(last_widgets_, s.text);
        if (!found)
          return Status::fail("nothing labelled \"" + s.text + "\" on screen\n" +
                              on_screen(last_widgets_, last_texts_));
        x = (found->min.x + found->max.x) * 0.5f;
        y = (found->min.y + found->max.y) * 0.5f;
      }
      press(x, y);
      frame();
      advance(60);
      release(x, y);
      frame();
      settle();
      return Status::success();
    }
    case ScriptStep::Kind::Drag: {
      press(s.x1, s.y1);
      frame();
      const int n = std::max(2, static_cast<int>(s.ms / step_ms));
      for (int i = 1; i <= n; ++i) {
        if (virtual_clock_) vclock_ms_ += step_ms;
        const float t = static_cast<float>(i) / static_cast<float>(n);
        move(s.x1 + (s.x2 - s.x1) * t, s.y1 + (s.y2 - s.y1) * t);
        frame();
      }
      release(s.x2, s.y2);
      frame();
      settle();
      return Status::success();
    }
    case ScriptStep::Kind::Stroke: {
      dirty_ = true;
      frame();
      const WidgetRec* found = find_widget(last_widgets_, s.text);
      if (!found)
        return Status::fail("nothing labelled \"" + s.text + "\" on screen\n" + on_screen(last_widgets_, last_texts_));
      const ImVec2 a = found->min, b = found->max;
      auto at = [&](size_t i) {
        return ImVec2(a.x + (b.x - a.x) * s.points[i].first / 1000.0f,
                      a.y + (b.y - a.y) * s.points[i].second / 1000.0f);
      };
      // A finger at ~60 Hz: a sample every few millimetres along each segment.
      ImVec2 p = at(0);
      press(p.x, p.y);
      frame();
      const float step = std::max(4.0f, ui_.m.px_per_mm * 2.0f);
      for (size_t i = 1; i < s.points.size(); ++i) {
        const ImVec2 q = at(i);
        const int n = std::max(1, static_cast<int>(std::hypot(q.x - p.x, q.y - p.y) / step));
        for (int k = 1; k <= n; ++k) {
          if (virtual_clock_) vclock_ms_ += step_ms;
          const float t = static_cast<float>(k) / static_cast<float>(n);
          move(p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t);
          if (k % 4 == 0 || k == n) frame();  // several samples per frame, as a real finger gives
        }
        p = q;
      }
      release(p.x, p.y);
      frame();
      // Recognition runs on its own thread: wait for it (real time), then draw its candidates.
      if (input_ && !input_->wait_idle(20000))
        return Status::fail("handwriting recognition did not finish within 20 s");
      dirty_ = true;
      frame();
      settle();
      return Status::success();
    }
    case ScriptStep::Kind::Hold: {
      press(s.x1, s.y1);
      frame();
      advance(s.ms);
      frame();
      release(s.x1, s.y1);
      frame();
      settle();
      return Status::success();
    }
    case ScriptStep::Kind::Wait:
      advance(s.ms);
      settle();
      return Status::success();
    case ScriptStep::Kind::WaitPrint:
      return wait_print(s.ms);
    case ScriptStep::Kind::WaitFor:
      return wait_for_text(s.text, s.ms);
    case ScriptStep::Kind::WaitReal: {
      const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<int64_t>(s.ms));
      while (std::chrono::steady_clock::now() < end) {
        dirty_ = true;
        frame();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (virtual_clock_) vclock_ms_ += 50;
      }
      return Status::success();
    }
    case ScriptStep::Kind::Expect:
    case ScriptStep::Kind::ExpectNot: {
      dirty_ = true;
      frame();
      bool found = false;
      for (const auto& t : last_texts_)
        if (t.find(s.text) != std::string::npos) found = true;
      if (s.kind == ScriptStep::Kind::Expect && !found)
        return Status::fail("expected \"" + s.text + "\" on screen, but it is not\n" +
                            on_screen(last_widgets_, last_texts_));
      if (s.kind == ScriptStep::Kind::ExpectNot && found)
        return Status::fail("did not expect \"" + s.text + "\" on screen, but it is there");
      return Status::success();
    }
    case ScriptStep::Kind::Shot:
      return screenshot(s.text);
    case ScriptStep::Kind::Route:
      if (!navigate(s.text)) return Status::fail("unknown route: " + s.text);
      settle();
      return Status::success();
    case ScriptStep::Kind::SwapContent: {
      // As the sync agent does: write next to the target, then rename over it (atomic).
      std::error_code ec;
      const auto tmp = opt_.content.string() + ".incoming";
      std::filesystem::copy_file(s.text, tmp, std::filesystem::copy_options::overwrite_existing, ec);
      if (ec) return Status::fail("cannot copy " + s.text + ": " + ec.message());
      std::filesystem::rename(tmp, opt_.content, ec);
      if (ec) return Status::fail("cannot rename over " + opt_.content.string() + ": " + ec.message());
      return Status::success();
    }
  }
  return Status::success();
}

// Real time: what another process brings (a new content version from the sync agent). The
// virtual clock moves with real time so that the content polls run as they would live.
Status App::wait_for_text(const std::string& text, double ms) {
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::milliseconds(static_cast<int64_t>(ms));
  for (;;) {
    dirty_ = true;
    frame();
    for (const auto& t : last_texts_)
      if (t.find(text) != std::string::npos) return Status::success();
    if (std::chrono::steady_clock::now() > deadline)
      return Status::fail("\"" + text + "\" did not appear within " + std::to_string(static_cast<int64_t>(ms)) +
                          " ms\n" + on_screen(last_widgets_, last_texts_));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (virtual_clock_) vclock_ms_ += 50;
  }
}

// Real time, whatever the clock: the print worker talks to CUPS and the printer, which the
// virtual clock does not move.
Status App::wait_print(double ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<int64_t>(ms));
  while (print_desk_ && print_desk_->busy() && !print_desk_->awaiting_confirm()) {
    if (std::chrono::steady_clock::now() > deadline)
      return Status::fail("the print job did not end within " + std::to_string(static_cast<int64_t>(ms)) +
                          " ms: " + facts_.print_status);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    dirty_ = true;
    frame();
  }
  dirty_ = true;
  frame();  // no settle(): the outcome's toast stays for the next step to see
  return Status::success();
}

}  // namespace bianmin::kiosk
