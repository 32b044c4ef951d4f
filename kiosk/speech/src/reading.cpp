// Text → spoken Chinese → toned pinyin (see bianmin/speech/reading.hpp).
//
// Index: [Characters] [Numbers] [Spoken Chinese] [Toned pinyin]
#include "bianmin/speech/reading.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "bianmin/content/pinyin.hpp"

namespace bianmin::speech {
namespace {

// -------------------------------------------------------------------------------------------
// [SECTION] Characters
// -------------------------------------------------------------------------------------------
// A 一 that is read yi1 whatever follows (a digit read alone, a year, a decimal): it never
// takes the tone change of the counting 一 (一个 yi2 ge4). Private use, never in content.
constexpr char32_t kPlainYi = 0xE001;
constexpr char32_t kShortPause = U'，';
constexpr char32_t kLongPause = U'。';

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_latin(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_han(char32_t c) { return c == kPlainYi || content::is_han(c); }
bool in(char32_t c, std::u32string_view set) { return set.find(c) != std::u32string_view::npos; }

// Full-width digits, letters and signs as ASCII, so "２０２６" reads like "2026".
char32_t narrow(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E && c != U'（' && c != U'）' && c != U'，' && c != U'：' && c != U'；' && c != U'！' &&
      c != U'？')
    return c - 0xFEE0;
  return c;
}

constexpr std::u32string_view kShortPauses = U"，,、；;：:·•（）()【】—…\t";
constexpr std::u32string_view kLongPauses = U"。！？!?\n";
constexpr std::u32string_view kSilent = U"《》“”‘’「」『』\"' ";  // quotes and spaces: nothing

// -------------------------------------------------------------------------------------------
// [SECTION] Numbers
// -------------------------------------------------------------------------------------------
constexpr char32_t kDigits[] = U"零一二三四五六七八九";

// A digit read alone: 1 is 幺 in phone numbers, the plain 一 elsewhere (years).
char32_t digit_alone(char32_t d, bool phone) {
  if (d == '1') return phone ? U'幺' : kPlainYi;
  return kDigits[d - '0'];
}

// 0..9999 as a count, without a leading 零.
std::u32string section(unsigned n) {
  static constexpr char32_t kUnits[] = {U'千', U'百', U'十', 0};
  std::u32string out;
  bool zero = false;
  for (int k = 0, div = 1000; k < 4; ++k, div /= 10) {
    unsigned d = (n / div) % 10;
    if (d == 0) {
      zero = !out.empty();
      continue;
    }
    if (zero) out += U'零';
    zero = false;
    out += kDigits[d];
    if (kUnits[k]) out += kUnits[k];
  }
  return out;
}

// An integer as a count: 10 → 十, 15 → 十五, 110 → 一百一十, 10050 → 一万零五十,
// 2000 → 两千 (a leading 2 before 千, 万 or 亿 is 两, as people say it).
std::u32string count(uint64_t n) {
  if (n == 0) return U"零";
  static constexpr char32_t kBig[] = {U'亿', U'万', 0};
  const uint64_t parts[] = {n / 100000000, (n / 10000) % 10000, n % 10000};
  std::u32string out;
  bool zero = false;
  for (int k = 0; k < 3; ++k) {
    unsigned s = static_cast<unsigned>(k == 0 ? std::min<uint64_t>(parts[0], 9999) : parts[k]);
    if (s == 0) {
      zero = !out.empty();
      continue;
    }
    if (!out.empty() && (zero || s < 1000)) out += U'零';
    zero = false;
    out += section(s);
    if (kBig[k]) out += kBig[k];
  }
  if (out.size() >= 2 && out[0] == U'一' && out[1] == U'十') out.erase(0, 1);  // 十五, not 一十五
  if (out.size() >= 2 && out[0] == U'二' && in(out[1], U"千万亿")) out[0] = U'两';
  return out;
}

uint64_t value(std::u32string_view digits) {
  uint64_t v = 0;
  for (char32_t d : digits)
    if (is_digit(d)) v = std::min<uint64_t>(v * 10 + (d - '0'), 999999999999ULL);
  return v;
}

// Words a lone 2 is 两 before (两个, 两寸, 两年); elsewhere it is 二 (二月, 二号, 第二).
constexpr std::u32string_view kLiangBefore = U"个张份寸次人天周年位名户项本元万千亿亩斤吨岁台辆条件只倍种套間间";

// Latin abbreviations said in Chinese; any other Latin word is skipped.
struct Abbreviation {
  std::u32string_view latin, chinese;
};
constexpr Abbreviation kAbbreviations[] = {
    {U"app", U"应用"}, {U"pin", U"密码"}, {U"wifi", U"无线网络"}, {U"wi-fi", U"无线网络"},
    {U"qq", U""},      {U"qr", U""},      {U"id", U""},           {U"etc", U""},
};
// Units after a number.
constexpr Abbreviation kUnits[] = {
    {U"km", U"公里"},   {U"kg", U"公斤"},    {U"cm", U"厘米"}, {U"mm", U"毫米"}, {U"m²", U"平方米"},
    {U"m2", U"平方米"}, {U"m", U"米"},       {U"g", U"克"},    {U"mg", U"毫克"}, {U"ml", U"毫升"},
    {U"l", U"升"},      {U"kwh", U"千瓦时"}, {U"kw", U"千瓦"}, {U"h", U"小时"},
};

char32_t lower(char32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

// A capital letter alone (C级危房, A类, B超) is said by its common Chinese name.
constexpr std::u32string_view kLetterNames[] = {
    U"诶", U"比", U"西", U"迪", U"伊",   U"艾弗", U"吉", U"艾尺", U"艾", U"杰",     U"开",     U"艾勒", U"艾姆",
    U"恩", U"欧", U"皮", U"丘", U"阿尔", U"艾丝", U"提", U"优",   U"维", U"达布留", U"艾克斯", U"歪",   U"贼"};

// -------------------------------------------------------------------------------------------
// [SECTION] Spoken Chinese
// -------------------------------------------------------------------------------------------
class Speller {
 public:
  explicit Speller(std::u32string text) : s_(std::move(text)) {
    for (char32_t& c : s_) c = narrow(c);
  }

  std::u32string run() {
    while (i_ < s_.size()) step();
    while (!out_.empty() && out_.back() == kShortPause) out_.pop_back();
    return out_;
  }

 private:
  std::u32string s_, out_;
  size_t i_ = 0;

  char32_t at(size_t k) const { return k < s_.size() ? s_[k] : 0; }
  size_t digits_from(size_t k) const {
    size_t e = k;
    while (e < s_.size() && is_digit(s_[e])) ++e;
    return e - k;
  }
  void pause(char32_t p) {
    if (out_.empty()) return;
    if (out_.back() == kShortPause || out_.back() == kLongPause) {
      if (p == kLongPause) out_.back() = kLongPause;
      return;
    }
    out_ += p;
  }
  void say(std::u32string_view w) { out_ += w; }
  void say_digits(std::u32string_view digits, bool phone) {
    for (char32_t d : digits) out_ += digit_alone(d, phone);
  }

  void step() {
    const char32_t c = s_[i_];
    if (is_han(c)) {
      out_ += c;
      ++i_;
    } else if (c == '*' || c == U'＊' || c == U'×') {
      masked(i_ > 0 && is_han(s_[i_ - 1]));
    } else if (c == '-' && is_digit(at(i_ + 1)) && (i_ == 0 || !is_digit(s_[i_ - 1]))) {
      say(U"负");  // -5℃ → 负五摄氏度
      ++i_;
    } else if (is_digit(c)) {
      number();
    } else if (is_latin(c)) {
      latin();
    } else if (in(c, kLongPauses) || (c == '.' && !is_digit(at(i_ + 1)))) {
      pause(kLongPause);
      ++i_;
    } else if (in(c, kShortPauses)) {
      pause(kShortPause);
      ++i_;
    } else if ((c == U'〔' || c == '[' || c == U'［' || c == U'【') && digits_from(i_ + 1) == 4 &&
               in(at(i_ + 5), U"〕]］】")) {
      pause(kShortPause);  // a document's year: 湘政办发〔2025〕24号 → 湘政办发，二零二五，二十四号
      say_digits(s_.substr(i_ + 1, 4), false);
      pause(kShortPause);
      i_ += 6;
    } else if (c == '/' && !out_.empty() && is_han(out_.back()) && is_han(at(i_ + 1))) {
      say(U"每");  // 元/月 → 元每月
      ++i_;
    } else if (c == U'℃') {
      say(U"摄氏度");
      ++i_;
    } else if (c == U'㎡') {
      say(U"平方米");
      ++i_;
    } else {
      ++i_;  // symbols and spaces say nothing
      if (in(c, kSilent)) return;
    }
  }

  // A masked name or number (张*华, 430***1234) is skipped whole: the visible surname before
  // the mask, the mask, and the digits, letters or one given name character after it.
  void masked(bool after_surname) {
    // A mask followed by digits is a masked number (尾号****5678): the word before stays.
    size_t e = i_;
    while (e < s_.size() && in(s_[e], U"*＊×")) ++e;
    const bool number = is_digit(at(e)) || is_latin(at(e));
    if (after_surname && !number && !out_.empty() && is_han(out_.back())) out_.pop_back();
    while (i_ < s_.size() && (in(s_[i_], U"*＊×") || is_digit(s_[i_]) || is_latin(s_[i_]))) ++i_;
    if (i_ < s_.size() && is_han(s_[i_]) && !is_han(at(i_ + 1))) ++i_;
  }

  void latin() {
    size_t e = i_;
    while (e < s_.size() && (is_latin(s_[e]) || is_digit(s_[e]) || in(s_[e], U"-_.@/:%?=&#~+"))) {
      if (s_[e] == '.' && !(is_latin(at(e + 1)) || is_digit(at(e + 1)))) break;
      ++e;
    }
    std::u32string word;
    for (size_t k = i_; k < e; ++k) word += lower(s_[k]);
    const char32_t first = s_[i_];
    i_ = e;
    if (word.size() == 1 && first >= 'A' && first <= 'Z') return say(kLetterNames[first - 'A']);
    if (at(i_) == '*' || at(i_) == U'＊') return masked(false);
    for (const auto& a : kAbbreviations)
      if (word == a.latin) {
        say(a.chinese);
        if (!a.chinese.empty() && at(i_) == a.chinese.back()) ++i_;  // PIN码 → 密码, not 密码码
        return;
      }
    // anything else (web addresses, codes, English words) is not read
  }

  // The unit after a number, if any: advances past it and says it.
  void unit() {
    if (at(i_) == '%' || at(i_) == U'％') return;  // handled by the caller
    size_t e = i_;
    std::u32string word;
    while (e < s_.size() && (is_latin(s_[e]) || s_[e] == U'²' || (is_digit(s_[e]) && e > i_))) {
      word += lower(s_[e]);
      ++e;
    }
    if (word.empty() || is_latin(at(e))) return;
    for (const auto& u : kUnits)
      if (word == u.latin) {
        say(u.chinese);
        i_ = e;
        return;
      }
  }

  void number() {
    const size_t start = i_;
    const size_t n1 = digits_from(i_);
    // --- masked (430***1234) and identity/bank card numbers: never read
    if (in(at(i_ + n1), U"*＊×")) return masked(false);
    if (n1 >= 15) {
      i_ += n1;
      while (is_latin(at(i_)) || is_digit(at(i_))) ++i_;  // a final X
      return;
    }
    std::u32string_view d1 = std::u32string_view(s_).substr(i_, n1);
    // --- dates: 2026-01-15, 2026.1.15, 2026/01/15
    if (n1 == 4 && in(at(i_ + 4), U"-./") && digits_from(i_ + 5) >= 1 && digits_from(i_ + 5) <= 2) {
      size_t m = i_ + 5, nm = digits_from(m), d = m + nm + 1;
      if (at(m + nm) == at(i_ + 4) && digits_from(d) >= 1 && digits_from(d) <= 2 && !is_digit(at(d + digits_from(d)))) {
        say_digits(d1, false);
        say(U"年");
        say(count(value(s_.substr(m, nm))) + U"月");
        say(count(value(s_.substr(d, digits_from(d)))) + U"日");
        i_ = d + digits_from(d);
        return;
      }
    }
    // --- times: 8:30, 08:00, 9:00-17:00
    if (n1 <= 2 && (at(i_ + n1) == ':' || at(i_ + n1) == U'：') && digits_from(i_ + n1 + 1) == 2 && value(d1) <= 24) {
      time();
      if (in(at(i_), U"-~～—–至") && digits_from(i_ + 1) >= 1 && digits_from(i_ + 1) <= 2 &&
          in(at(i_ + 1 + digits_from(i_ + 1)), U":：")) {
        say(U"到");
        ++i_;
        time();
      }
      return;
    }
    // --- phone numbers: 0739-4826100, 13800000000, 12345, 110
    size_t e = i_ + n1;
    bool grouped = false;
    while (at(e) == '-' && digits_from(e + 1) > 0) {
      e += 1 + digits_from(e + 1);
      grouped = true;
    }
    const bool leading_zero = n1 >= 2 && d1[0] == '0' && at(i_ + n1) != '.';
    const bool has_unit = (is_han(at(e)) && in(at(e), kLiangBefore)) || in(at(e), U"㎡℃%％") || is_latin(at(e));
    const bool emergency =
        n1 == 3 && !grouped && (d1 == U"110" || d1 == U"119" || d1 == U"120" || d1 == U"122") && !has_unit;
    // A hyphen joins phone number groups when one of them looks like a phone number
    // (0739-4826100, 400-8888888); otherwise it is a range (80-89岁), read below.
    const bool phone = grouped ? (leading_zero || n1 >= 7 || digits_from_back(e) >= 7)
                               : (leading_zero || emergency || (n1 >= 5 && !has_unit && at(e) != '.' && at(e) != ','));
    if (phone) {
      for (size_t k = i_; k < e; ++k) {
        if (s_[k] == '-')
          pause(kShortPause);
        else
          out_ += digit_alone(s_[k], true);
      }
      i_ = e;
      return;
    }
    // --- years: 2026年 digit by digit
    if (n1 == 4 && (at(i_ + 4) == U'年')) {
      say_digits(d1, false);
      i_ += 4;
      return;
    }
    // --- a count, maybe with thousands separators and decimals; % before it reads 百分之
    std::u32string integer;
    size_t k = i_;
    while (is_digit(at(k)) || (at(k) == ',' && digits_from(k + 1) == 3 && !is_digit(at(k + 4)) && k > start)) {
      if (is_digit(at(k))) integer += s_[k];
      ++k;
    }
    std::u32string words;
    const uint64_t v = value(integer);
    const bool after_di = !out_.empty() && out_.back() == U'第';
    if (at(k) == '.' && is_digit(at(k + 1))) {
      words = v == 1 ? std::u32string(1, kPlainYi) : count(v);
      words += U'点';
      ++k;
      while (is_digit(at(k))) words += digit_alone(s_[k++], false);
    } else if (v == 2 && !after_di && in(at(k), kLiangBefore)) {
      words = U"两";
    } else {
      words = count(v);
    }
    i_ = k;
    if (at(i_) == '%' || at(i_) == U'％') {
      say(U"百分之");
      say(words);
      ++i_;
    } else {
      say(words);
      unit();
    }
    // --- ranges: 80-89岁, 80～100元, 3-5个工作日
    if (in(at(i_), U"-~～—–") && is_digit(at(i_ + 1))) {
      say(U"到");
      ++i_;
    }
  }

  size_t digits_from_back(size_t e) const {
    size_t k = e;
    while (k > 0 && is_digit(s_[k - 1])) --k;
    return e - k;
  }

  void time() {
    size_t nh = digits_from(i_);
    uint64_t h = value(s_.substr(i_, nh));
    uint64_t m = value(s_.substr(i_ + nh + 1, 2));
    say(h == 2 ? U"两" : count(h));
    say(U"点");
    if (m != 0) say((m < 10 ? U"零" : U"") + count(m) + U"分");
    i_ += nh + 3;
  }
};

// -------------------------------------------------------------------------------------------
// [SECTION] Toned pinyin
// -------------------------------------------------------------------------------------------
int tone(const std::string& syllable) { return syllable.empty() ? 0 : syllable.back() - '0'; }

// Appends the syllables of a run of Han characters (kPlainYi included), with 不 and 一
// changing tone the way speech does.
void read_run(std::u32string_view run, std::vector<std::string>& out) {
  std::u32string lookup(run);
  for (char32_t& c : lookup)
    if (c == kPlainYi) c = U'一';
  std::vector<std::string> syl = content::toned_pinyin(lookup);
  for (size_t k = 0; k < run.size(); ++k) {
    if (run[k] == kPlainYi) syl[k] = "yi1";
    if (k + 1 >= run.size() || syl[k].empty()) continue;
    const int next = tone(syl[k + 1]);
    if (run[k] == U'不' && syl[k] == "bu4" && next == 4) syl[k] = "bu2";
    if (run[k] == U'一' && syl[k] == "yi1") {
      const char32_t prev = k > 0 ? run[k - 1] : 0;
      const bool fixed = in(prev, U"第十零统唯初之逐万百千两二三四五六七八九一周期") ||
                         in(run[k + 1], U"月日号楼层级等类十零一二三四五六七八九点") || run[k + 1] == kPlainYi;
      if (!fixed && next >= 1 && next <= 4) syl[k] = next == 4 ? "yi2" : "yi4";
    }
  }
  for (auto& s : syl)
    if (!s.empty()) out.push_back(std::move(s));
}

}  // namespace

std::string spoken_chinese(std::string_view text) {
  std::u32string words = Speller(content::decode_utf8(text)).run();
  for (char32_t& c : words)
    if (c == kPlainYi) c = U'一';
  return content::encode_utf8(words);
}

std::string toned_pinyin(std::string_view text) {
  const std::u32string words = Speller(content::decode_utf8(text)).run();
  std::string out;
  std::vector<std::string> syl;
  size_t i = 0;
  while (i < words.size()) {
    if (is_han(words[i])) {
      size_t e = i;
      while (e < words.size() && is_han(words[e])) ++e;
      syl.clear();
      read_run(std::u32string_view(words).substr(i, e - i), syl);
      for (const auto& s : syl) {
        if (!out.empty() && out.back() != ' ') out += ' ';
        out += s;
      }
      i = e;
    } else {
      if (!out.empty() && out.back() != ',' && out.back() != '.')
        out += words[i] == kLongPause ? '.' : ',';
      else if (!out.empty() && words[i] == kLongPause)
        out.back() = '.';
      ++i;
    }
  }
  while (!out.empty() && (out.back() == ',' || out.back() == ' ')) out.pop_back();
  return out;
}

std::vector<std::string> sentences(std::string_view text) {
  // A piece ends at a long pause, or at a short one once it has this many syllables, so the
  // synthesiser's first piece is short and a long text never waits for itself.
  constexpr size_t kSoftLimit = 24;
  std::vector<std::string> out;
  std::string cur;
  size_t syllables = 0;
  const std::string all = toned_pinyin(text);
  for (size_t i = 0; i < all.size();) {
    size_t j = all.find(' ', i);
    if (j == std::string::npos) j = all.size();
    std::string word = all.substr(i, j - i);
    if (!cur.empty()) cur += ' ';
    cur += word;
    ++syllables;
    const char last = word.empty() ? 0 : word.back();
    if (last == '.' || (last == ',' && syllables >= kSoftLimit)) {
      out.push_back(std::move(cur));
      cur.clear();
      syllables = 0;
    }
    i = j + 1;
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

size_t syllable_count(std::string_view pinyin) {
  size_t n = 0;
  bool in_word = false;
  for (char c : pinyin) {
    const bool letter = c >= 'a' && c <= 'z';
    if (letter && !in_word) ++n;
    in_word = letter || (c >= '1' && c <= '5');
  }
  return n;
}

}  // namespace bianmin::speech
