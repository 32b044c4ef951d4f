// Speaker: espeak-ng on a worker thread feeding a PCM queue (see bianmin/speech/speaker.hpp).
#include "bianmin/speech/speaker.hpp"

#include <espeak-ng/speak_lib.h>
#include <espeak-ng/espeak_ng.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include "bianmin/speech/reading.hpp"

namespace bianmin::speech {

namespace {
// espeak-ng keeps global state and does not survive Terminate() followed by a new
// Initialize() in the same process (the second Terminate() hangs in 1.51), so it is
// initialised once per process and used by one speaker thread at a time.
std::mutex g_espeak_mu;
bool g_espeak_ready = false;
int g_espeak_rate = 0;
}  // namespace

struct Speaker::Impl {
  SpeakerOptions opt;
  int rate = 22050;
  std::thread worker;

  mutable std::mutex mu;
  std::condition_variable cv;
  std::string text;  // the next text to read (taken by the worker)
  bool has_text = false;
  bool quit = false;
  bool busy = false;                    // the worker is reading a text
  std::deque<int16_t> queue;            // synthesised, not yet pulled
  std::atomic<uint64_t> generation{0};  // bumped by say()/stop(): older chunks are dropped
  std::atomic<int> volume{80};
  double synth_seconds = 0, audio_seconds = 0;
  uint64_t pulled = 0;

  uint64_t current = 0;  // worker: the generation being synthesised

  static int on_samples(short* wav, int count, espeak_EVENT* events) {
    auto* self = static_cast<Impl*>(events ? events->user_data : nullptr);
    if (!self) return 0;
    if (self->generation.load() != self->current) return 1;  // stop: abort this synthesis
    if (wav && count > 0) {
      std::lock_guard lock(self->mu);
      // Checked again under the lock: a stop() between the check above and here cleared the
      // queue, and these samples must not refill it (the reading would go on after a stop).
      if (self->generation.load() != self->current) return 1;
      self->queue.insert(self->queue.end(), wav, wav + count);
      self->audio_seconds += static_cast<double>(count) / self->rate;
    }
    return 0;
  }

  void run() {
    for (;;) {
      std::string t;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return quit || has_text; });
        if (quit) return;
        t = std::move(text);
        has_text = false;
        busy = true;
        current = generation.load();
      }
      for (const std::string& piece : sentences(t)) {
        if (generation.load() != current) break;
        const auto t0 = std::chrono::steady_clock::now();
        espeak_Synth(piece.c_str(), piece.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, this);
        const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::lock_guard lock(mu);
        synth_seconds += dt;
      }
      std::lock_guard lock(mu);
      busy = false;
    }
  }
};

Speaker::Speaker(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

std::unique_ptr<Speaker> Speaker::create(const SpeakerOptions& options, std::string* error) {
  auto impl = std::make_unique<Impl>();
  impl->opt = options;
  impl->volume = std::clamp(options.volume, 0, 100);
  // espeak-ng keeps global state: initialise it on the thread that will use it, and report
  // the outcome back before create() returns.
  std::promise<std::string> ready;
  auto ready_future = ready.get_future();
  Impl* p = impl.get();
  impl->worker = std::thread([p, &ready] {
    std::unique_lock espeak_lock(g_espeak_mu, std::try_to_lock);  // held for the speaker's life
    if (!espeak_lock.owns_lock()) {
      ready.set_value("another speaker is alive (espeak-ng allows one per process)");
      return;
    }
    espeak_ng_STATUS st = ENS_OK;
    if (!g_espeak_ready) {
      espeak_ng_InitializePath(nullptr);
      espeak_ng_ERROR_CONTEXT ctx = nullptr;
      st = espeak_ng_Initialize(&ctx);
      if (st != ENS_OK) {
        char msg[512];
        espeak_ng_GetStatusCodeMessage(st, msg, sizeof msg);
        espeak_ng_ClearErrorContext(&ctx);
        ready.set_value(std::string("espeak-ng cannot start: ") + msg + " (install espeak-ng-data)");
        return;
      }
      st = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr);
      if (st == ENS_OK) {
        g_espeak_ready = true;
        g_espeak_rate = espeak_ng_GetSampleRate();
      }
    }
    if (st == ENS_OK) st = espeak_ng_SetVoiceByName(p->opt.voice.c_str());
    if (st != ENS_OK) {
      char msg[512];
      espeak_ng_GetStatusCodeMessage(st, msg, sizeof msg);
      ready.set_value("espeak-ng: voice " + p->opt.voice + ": " + msg + " (install espeak-ng-data)");
      return;
    }
    espeak_SetSynthCallback(&Impl::on_samples);
    espeak_SetParameter(espeakRATE, p->opt.words_per_minute, 0);
    p->rate = g_espeak_rate;
    ready.set_value("");
    p->run();
  });
  std::string failure = ready_future.get();
  if (!failure.empty()) {
    impl->worker.join();
    if (error) *error = failure;
    return nullptr;
  }
  return std::unique_ptr<Speaker>(new Speaker(std::move(impl)));
}

Speaker::~Speaker() {
  {
    std::lock_guard lock(impl_->mu);
    impl_->quit = true;
    impl_->generation++;
  }
  impl_->cv.notify_all();
  if (impl_->worker.joinable()) impl_->worker.join();
}

int Speaker::sample_rate() const { return impl_->rate; }

void Speaker::say(std::string text) {
  {
    std::lock_guard lock(impl_->mu);
    impl_->generation++;
    impl_->queue.clear();
    impl_->text = std::move(text);
    impl_->has_text = true;
    impl_->pulled = 0;
  }
  impl_->cv.notify_all();
}

void Speaker::stop() {
  std::lock_guard lock(impl_->mu);
  impl_->generation++;
  impl_->queue.clear();
  impl_->has_text = false;
}

bool Speaker::speaking() const {
  std::lock_guard lock(impl_->mu);
  return impl_->has_text || (impl_->busy && impl_->current == impl_->generation.load()) || !impl_->queue.empty();
}

void Speaker::wait_for(size_t samples, int timeout_ms) const {
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < end) {
    {
      std::lock_guard lock(impl_->mu);
      const bool synthesising = impl_->has_text || (impl_->busy && impl_->current == impl_->generation.load());
      if (impl_->queue.size() >= samples || !synthesising) return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void Speaker::set_volume(int percent) { impl_->volume = std::clamp(percent, 0, 100); }

size_t Speaker::pull(int16_t* out, size_t n) {
  const int vol = impl_->volume.load();
  size_t got = 0;
  {
    std::lock_guard lock(impl_->mu);
    got = std::min(n, impl_->queue.size());
    for (size_t k = 0; k < got; ++k) out[k] = static_cast<int16_t>(impl_->queue[k] * vol / 100);
    impl_->queue.erase(impl_->queue.begin(), impl_->queue.begin() + static_cast<long>(got));
    impl_->pulled += got;
  }
  std::fill(out + got, out + n, int16_t{0});
  return got;
}

SpeakerStats Speaker::stats() const {
  std::lock_guard lock(impl_->mu);
  return SpeakerStats{impl_->synth_seconds, impl_->audio_seconds, impl_->pulled};
}

}  // namespace bianmin::speech
