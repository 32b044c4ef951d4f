// 朗读 (read aloud) for the app: the speech::Speaker and where its sound goes.
//
// Promises:
//  - available() is false, and the 朗读 buttons are hidden, when [audio] enabled = false,
//    when espeak-ng or its voice is missing, or when SDL opens no audio device (no driver, no
//    sound card); reason() says which, and the kiosk logs it once at start.
//  - toggle(item, text) starts reading `text` as `item` ("guide/CODE"), or stops when that
//    item is being read (the second tap). stop() is what navigation, the idle reset and the
//    attract loop call. item() is "" once the speech has ended.
//  - Headless with --audio-out FILE.wav, the sound is written to the file instead, played at
//    the app's clock (update() takes what the elapsed time would have played; the virtual
//    clock never outruns synthesis), so tests hear exactly what a person would, stops included.
//    The file is rewritten when a reading ends or stops and when the app exits.
#pragma once
#include <SDL.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/options.hpp"
#include "bianmin/speech/speaker.hpp"

namespace bianmin::kiosk {

class ReadAloud {
 public:
  explicit ReadAloud(const KioskOptions& options);
  ~ReadAloud();
  ReadAloud(const ReadAloud&) = delete;
  ReadAloud& operator=(const ReadAloud&) = delete;

  bool available() const { return available_; }
  const std::string& reason() const { return reason_; }
  void toggle(const std::string& item, const std::string& text);
  void stop();
  const std::string& item() const { return item_; }
  void update(double now_ms);  // once per frame (and while the clock advances)
  speech::Speaker* speaker() { return speaker_.get(); }

 private:
  void finish();  // the reading ended or stopped
  std::unique_ptr<speech::Speaker> speaker_;
  SDL_AudioDeviceID device_ = 0;
  bool available_ = false;
  std::string reason_;
  std::string item_;
  std::string wav_path_;
  std::vector<int16_t> wav_;  // headless: everything played since the start
  double last_ms_ = -1;
};

}  // namespace bianmin::kiosk
