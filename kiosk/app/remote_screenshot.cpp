// A current screenshot on request (see remote_screenshot.hpp): the rule, and App's side of the
// exchange with the sync agent through the state directory.
#include "app/remote_screenshot.hpp"

#include <ctime>
#include <system_error>

#include "app/app.hpp"
#include "bianmin/sync/screen_request.hpp"

namespace bianmin::kiosk {

std::string screenshot_refusal(const Route& shown, bool allow_names) {
  // A fund table lists households by name (de-identified, but still people of the village).
  if (shown.screen == Screen::FundTable && !allow_names) return sync::kRefusedNames;
  // 评价建议: what a villager writes is theirs (the outbox redacts digits; a picture would not).
  if (shown.screen == Screen::Feedback) return sync::kRefusedOwnWords;
  return {};
}

void App::notice_screen_request() {
  const double now = monotonic_ms();
  if (screen_request_ || now - screen_request_checked_ms_ < 500) return;
  screen_request_checked_ms_ = now;
  if (auto r = sync::read_screen_request(opt_.state_dir)) {
    screen_request_ = *r;
    dirty_ = true;  // the next frame answers it
  }
}

void App::answer_screen_request() {
  if (!screen_request_) return;
  const sync::ScreenRequest req = *screen_request_;
  screen_request_.reset();
  namespace fs = std::filesystem;
  const fs::path dir = opt_.state_dir;
  sync::ScreenAnswer a{req.id, "ok", {}, static_cast<int64_t>(std::time(nullptr))};
  a.message = screenshot_refusal(routes_.top(), req.allow_names);
  if (!a.message.empty()) {
    a.outcome = "refused";
  } else {
    // Headless frames are not rasterized unless captured: draw this one's pixels now.
    if (opt_.headless && !capture_) rasterize();
    std::vector<uint8_t> px;
    int w = 0, h = 0;
    Status st = platform_->read_pixels(px, w, h) ? Status::success()
                                                 : Status::fail(std::string("cannot read pixels: ") + SDL_GetError());
    const fs::path tmp = dir / (std::string(sync::kScreenAnswerPng) + ".tmp");
    if (st) st = write_png(tmp, px, w, h);
    std::error_code ec;
    if (st) fs::rename(tmp, dir / sync::kScreenAnswerPng, ec);
    if (!st || ec) {
      fs::remove(tmp, ec);
      a.outcome = "refused";
      a.message = st ? "cannot write the PNG" : st.error().message;
    }
  }
  if (!sync::write_whole_file(dir / sync::kScreenAnswerFile, sync::screen_answer_json(a)))
    std::fprintf(stderr, "bianmin-kiosk: cannot answer the screenshot request in %s\n", dir.c_str());
  std::error_code ec;
  // Only the request answered: the agent may have written a newer one meanwhile.
  if (auto now = sync::read_screen_request(dir); now && now->id == req.id)
    fs::remove(dir / sync::kScreenRequestFile, ec);
  std::fprintf(stderr, "bianmin-kiosk: screenshot %lld for the hall console: %s%s%s\n", static_cast<long long>(req.id),
               a.outcome.c_str(), a.message.empty() ? "" : ", ", a.message.c_str());
}

}  // namespace bianmin::kiosk
