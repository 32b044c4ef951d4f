#include "platform/rare_glyphs.hpp"

#include <mutex>
#include <unordered_map>
#include <vector>

#include "bianmin/base/utf8.hpp"

namespace bianmin::kiosk::rare_glyphs {
namespace {

// One table for the process: the frame thread draws with the codes the lane's atlas builds use.
struct Table {
  std::mutex lock;
  std::unordered_map<unsigned, unsigned> code;  // character -> code
  std::vector<unsigned> original;               // code - kFirst -> character
};

Table& table() {
  static Table t;
  return t;
}

}  // namespace

unsigned code_for(unsigned cp) {
  if (cp <= 0xFFFF || cp > 0x10FFFF) return 0;
  Table& t = table();
  std::lock_guard<std::mutex> g(t.lock);
  auto it = t.code.find(cp);
  if (it != t.code.end()) return it->second;
  if (t.original.size() > kLast - kFirst) return 0;
  const unsigned c = kFirst + static_cast<unsigned>(t.original.size());
  t.original.push_back(cp);
  t.code.emplace(cp, c);
  return c;
}

unsigned original_of(unsigned code) {
  if (code < kFirst || code > kLast) return 0;
  Table& t = table();
  std::lock_guard<std::mutex> g(t.lock);
  const size_t i = code - kFirst;
  return i < t.original.size() ? t.original[i] : 0;
}

bool has_rare(std::string_view utf8) {
  for (char ch : utf8)
    if (static_cast<unsigned char>(ch) >= 0xF0) return true;
  return false;
}

std::string drawable(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    const size_t from = i;
    const char32_t cp = utf8::decode(utf8, i);
    if (cp > 0xFFFF) {
      const unsigned c = code_for(cp);
      utf8::append(out, c ? c : utf8::kReplacement);
    } else {
      out.append(utf8.substr(from, i - from));
    }
  }
  return out;
}

}  // namespace bianmin::kiosk::rare_glyphs
