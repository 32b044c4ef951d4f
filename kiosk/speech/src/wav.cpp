// A minimal RIFF/WAVE writer for 16-bit mono PCM (headless speech tests and the benchmark).
#include <cstdio>
#include <cstring>

#include "bianmin/speech/speaker.hpp"

namespace bianmin::speech {
namespace {
void put32(unsigned char* p, uint32_t v) {
  for (int k = 0; k < 4; ++k) p[k] = static_cast<unsigned char>(v >> (8 * k));
}
void put16(unsigned char* p, uint16_t v) {
  p[0] = static_cast<unsigned char>(v);
  p[1] = static_cast<unsigned char>(v >> 8);
}
}  // namespace

bool write_wav(const std::string& path, const int16_t* samples, size_t count, int sample_rate) {
  unsigned char h[44];
  const uint32_t data = static_cast<uint32_t>(count * 2);
  std::memcpy(h, "RIFF", 4);
  put32(h + 4, 36 + data);
  std::memcpy(h + 8, "WAVEfmt ", 8);
  put32(h + 16, 16);
  put16(h + 20, 1);  // PCM
  put16(h + 22, 1);  // mono
  put32(h + 24, static_cast<uint32_t>(sample_rate));
  put32(h + 28, static_cast<uint32_t>(sample_rate) * 2);
  put16(h + 32, 2);
  put16(h + 34, 16);
  std::memcpy(h + 36, "data", 4);
  put32(h + 40, data);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  bool ok = std::fwrite(h, 1, sizeof h, f) == sizeof h;
  // little-endian host (x86, arm64): samples are written as they are in memory
  if (ok && count) ok = std::fwrite(samples, 2, count, f) == count;
  return std::fclose(f) == 0 && ok;
}

}  // namespace bianmin::speech
