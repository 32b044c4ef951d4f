#include "app/read_aloud.hpp"

#include <cstdio>

namespace bianmin::kiosk {
namespace {

void on_audio(void* user, Uint8* stream, int len) {
  // SDL's audio thread: pull() never waits for synthesis.
  static_cast<speech::Speaker*>(user)->pull(reinterpret_cast<int16_t*>(stream), static_cast<size_t>(len) / 2);
}

}  // namespace

ReadAloud::ReadAloud(const KioskOptions& o) {
  if (!o.audio_enabled) {
    reason_ = "audio.enabled = false";
    return;
  }
  speech::SpeakerOptions so;
  so.volume = o.audio_volume;
  std::string error;
  speaker_ = speech::Speaker::create(so, &error);
  if (!speaker_) {
    reason_ = error;
    return;
  }
  if (!o.audio_out.empty()) {
    wav_path_ = o.audio_out.string();
    available_ = true;
    return;
  }
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    reason_ = std::string("no audio driver: ") + SDL_GetError();
    speaker_.reset();
    return;
  }
  SDL_AudioSpec want{}, have{};
  want.freq = speaker_->sample_rate();
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 512;  // ~23 ms at 22 kHz: the first word follows the tap closely
  want.callback = on_audio;
  want.userdata = speaker_.get();
  device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);  // SDL converts if it must
  if (device_ == 0) {
    reason_ = std::string("no sound device: ") + SDL_GetError();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    speaker_.reset();
    return;
  }
  SDL_PauseAudioDevice(device_, 0);
  available_ = true;
}

ReadAloud::~ReadAloud() {
  if (device_) {
    SDL_CloseAudioDevice(device_);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
  }
  if (!wav_path_.empty() && !item_.empty()) finish();
  speaker_.reset();
}

void ReadAloud::toggle(const std::string& item, const std::string& text) {
  if (!available_) return;
  if (item == item_) return stop();
  if (!item_.empty()) finish();
  item_ = item;
  speaker_->say(text);
}

void ReadAloud::stop() {
  if (!available_ || item_.empty()) return;
  speaker_->stop();
  finish();
}

void ReadAloud::finish() {
  item_.clear();
  if (!wav_path_.empty() && speaker_ &&
      !speech::write_wav(wav_path_, wav_.data(), wav_.size(), speaker_->sample_rate()))
    std::fprintf(stderr, "bianmin-kiosk: cannot write %s\n", wav_path_.c_str());
}

void ReadAloud::update(double now_ms) {
  if (!available_) return;
  const double elapsed = last_ms_ < 0 ? 0 : now_ms - last_ms_;
  last_ms_ = now_ms;
  if (item_.empty()) return;
  if (!wav_path_.empty() && elapsed > 0) {
    // Play what `elapsed` would have played, waiting for synthesis where it lags.
    const size_t n = static_cast<size_t>(elapsed * speaker_->sample_rate() / 1000.0);
    speaker_->wait_for(n, 5000);
    std::vector<int16_t> chunk(n);
    const size_t got = speaker_->pull(chunk.data(), n);
    wav_.insert(wav_.end(), chunk.begin(), chunk.begin() + static_cast<long>(got));
  }
  if (!speaker_->speaking()) finish();
}

}  // namespace bianmin::kiosk
