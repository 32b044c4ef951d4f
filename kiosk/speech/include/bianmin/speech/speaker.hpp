// Speech: Chinese text → toned pinyin (reading.hpp) → espeak-ng's cmn-latn-pinyin voice →
// 16-bit mono PCM in a queue that an audio callback (SDL) or a WAV writer pulls from.
//
// Promises:
//  - say() returns at once: synthesis runs on the speaker's own thread, one sentence at a
//    time, so the first samples are ready after the first sentence (tens of ms), not after
//    the whole text. espeak-ng is used from that thread only.
//  - stop() (or a new say()) ends the current reading: synthesis stops at the next chunk and
//    queued samples are dropped, so pull() gives silence from the next call on.
//  - pull() never blocks on synthesis and may be called from an audio callback: it copies
//    what is queued (volume applied) and fills the rest with silence.
//  - create() fails with a message when espeak-ng or its cmn-latn-pinyin voice is missing
//    (package espeak-ng-data), or while another Speaker of this process is alive (espeak-ng
//    keeps global state: one speaker per process).
#pragma once
#include <cstdint>
#include <memory>
#include <string>

namespace bianmin::speech {

struct SpeakerOptions {
  int volume = 80;             // percent of full scale, 0..100
  int words_per_minute = 150;  // espeak-ng's rate; a little slower than its 175 for the elderly
  std::string voice = "cmn-latn-pinyin";
};

// Counters for the benchmark and tests.
struct SpeakerStats {
  double synth_seconds = 0;     // CPU wall time spent in espeak-ng since creation
  double audio_seconds = 0;     // audio it produced, in seconds
  uint64_t samples_pulled = 0;  // non-silent samples handed to pull() callers since say()
};

class Speaker {
 public:
  static std::unique_ptr<Speaker> create(const SpeakerOptions& options, std::string* error);
  ~Speaker();
  Speaker(const Speaker&) = delete;
  Speaker& operator=(const Speaker&) = delete;

  int sample_rate() const;
  void say(std::string text);  // Chinese text, as shown on screen
  void stop();
  bool speaking() const;  // still synthesising, or samples left to play
  void set_volume(int percent);
  // Waits (real time, at most timeout_ms) until `samples` are queued or synthesis has ended;
  // for offline rendering at a virtual clock, where playback must not outrun synthesis.
  void wait_for(size_t samples, int timeout_ms) const;
  // Fills out[0..n) with the next samples (silence when none); returns how many were speech.
  size_t pull(int16_t* out, size_t n);
  SpeakerStats stats() const;

  struct Impl;

 private:
  explicit Speaker(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Writes 16-bit mono PCM as a WAV file. False with errno set when it cannot.
bool write_wav(const std::string& path, const int16_t* samples, size_t count, int sample_rate);

}  // namespace bianmin::speech
