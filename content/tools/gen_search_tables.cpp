// bianmin-gen-search-tables: a build-time host tool that writes the tables search needs
// into one C++ source compiled into bianmin_content, so no reading is ever typed by hand
// and the kiosk needs no data files at run time.
//
//   bianmin-gen-search-tables UNIHAN_READINGS.txt.bz2 OPENCC_T2S.json OUT.cpp
//
// - Pinyin: every Han character with a Mandarin reading in Unicode's Unihan_Readings
//   (fields kMandarin, kXHC1983, kHanyuPinyin, in that order of preference), tones
//   removed, ü written as v. The first reading is the default (kMandarin's zh-Hans value);
//   the others are the alternatives the curated polyphone table may choose from.
// - Toned pinyin, for reading aloud: the same readings with the tone as a digit ("xing2",
//   "lv4", neutral "de5"), in the same order of preference, distinct toned forms kept (为:
//   wei4 wei2).
// - Traditional → simplified: every Han code point that OpenCC's t2s conversion maps to a
//   different single code point (character level, so index and query fold the same way).
//
// The output is deterministic (sorted, no timestamps): the same inputs give the same bytes.
#include <bzlib.h>
#include <opencc.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bianmin/base/utf8.hpp"

namespace {

bool read_bz2(const char* path, std::string& out) {
  FILE* f = std::fopen(path, "rb");
  if (!f) return false;
  int err = BZ_OK;
  BZFILE* bz = BZ2_bzReadOpen(&err, f, 0, 0, nullptr, 0);
  if (err != BZ_OK) {
    std::fclose(f);
    return false;
  }
  char buf[1 << 16];
  while (err == BZ_OK) {
    int n = BZ2_bzRead(&err, bz, buf, sizeof buf);
    if (n > 0) out.append(buf, static_cast<size_t>(n));
  }
  bool ok = err == BZ_STREAM_END;
  BZ2_bzReadClose(&err, bz);
  std::fclose(f);
  return ok;
}

// "xíng" -> "xing", "lǜ" -> "lv", "ê̄" -> "e". Returns "" for anything that is not pinyin.
std::string toneless(const std::string& reading) {
  static const std::map<char32_t, char> base = {
      {U'ā', 'a'}, {U'á', 'a'}, {U'ǎ', 'a'}, {U'à', 'a'}, {U'ē', 'e'}, {U'é', 'e'}, {U'ě', 'e'}, {U'è', 'e'},
      {U'ê', 'e'}, {U'ề', 'e'}, {U'ế', 'e'}, {U'ī', 'i'}, {U'í', 'i'}, {U'ǐ', 'i'}, {U'ì', 'i'}, {U'ō', 'o'},
      {U'ó', 'o'}, {U'ǒ', 'o'}, {U'ò', 'o'}, {U'ū', 'u'}, {U'ú', 'u'}, {U'ǔ', 'u'}, {U'ù', 'u'}, {U'ü', 'v'},
      {U'ǖ', 'v'}, {U'ǘ', 'v'}, {U'ǚ', 'v'}, {U'ǜ', 'v'}, {U'ḿ', 'm'}, {U'ń', 'n'}, {U'ň', 'n'}, {U'ǹ', 'n'}};
  std::string out;
  for (size_t i = 0; i < reading.size();) {
    char32_t cp = bianmin::utf8::decode(reading, i);
    if (cp >= 'a' && cp <= 'z') {
      out += static_cast<char>(cp);
    } else if (cp >= 0x300 && cp <= 0x36F) {
      continue;  // combining tone marks
    } else if (auto it = base.find(cp); it != base.end()) {
      out += it->second;
    } else {
      return {};
    }
  }
  return out;
}

// "xíng" -> "xing2", "lǜ" -> "lv4", "de" -> "de5". Returns "" for anything that is not pinyin.
std::string toned(const std::string& reading) {
  static const std::map<char32_t, int> marks = {
      {U'ā', 1}, {U'á', 2}, {U'ǎ', 3}, {U'à', 4},  {U'ē', 1},  {U'é', 2},  {U'ě', 3}, {U'è', 4}, {U'ī', 1},
      {U'í', 2}, {U'ǐ', 3}, {U'ì', 4}, {U'ō', 1},  {U'ó', 2},  {U'ǒ', 3},  {U'ò', 4}, {U'ū', 1}, {U'ú', 2},
      {U'ǔ', 3}, {U'ù', 4}, {U'ǖ', 1}, {U'ǘ', 2},  {U'ǚ', 3},  {U'ǜ', 4},  {U'ḿ', 2}, {U'ń', 2}, {U'ň', 3},
      {U'ǹ', 4}, {U'ế', 2}, {U'ề', 4}, {0x304, 1}, {0x301, 2}, {0x30C, 3}, {0x300, 4}};  // the last four combine
  std::string base = toneless(reading);
  if (base.empty()) return {};
  int tone = 5;
  for (size_t i = 0; i < reading.size();)
    if (auto it = marks.find(bianmin::utf8::decode(reading, i)); it != marks.end()) tone = it->second;
  return base + static_cast<char>('0' + tone);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

struct Readings {
  std::vector<std::string> mandarin, xhc, hanyu;        // toneless
  std::vector<std::string> t_mandarin, t_xhc, t_hanyu;  // toned
};

// Writes syllables, a {cp, first << 4 | count} table and the reading ids under `prefix`.
void write_table(std::ostringstream& o, const std::string& prefix,
                 const std::vector<std::pair<char32_t, std::vector<std::string>>>& table) {
  std::set<std::string> syllable_set;
  for (auto& entry : table)
    for (auto& v : entry.second) syllable_set.insert(v);
  std::vector<std::string> syllables(syllable_set.begin(), syllable_set.end());
  auto syllable_id = [&](const std::string& s) {
    return std::lower_bound(syllables.begin(), syllables.end(), s) - syllables.begin();
  };
  o << "const char* const k" << prefix << "Syllables[] = {";
  for (size_t k = 0; k < syllables.size(); ++k) o << (k % 12 == 0 ? "\n  " : " ") << '"' << syllables[k] << "\",";
  o << "\n};\nconst unsigned k" << prefix << "SyllableCount = " << syllables.size() << ";\n\n";
  std::vector<uint16_t> ids;
  o << "// {code point, first reading id index << 4 | reading count}\n";
  o << "const PinyinEntry k" << prefix << "Pinyin[] = {";
  for (size_t k = 0; k < table.size(); ++k) {
    uint32_t first = static_cast<uint32_t>(ids.size());
    for (auto& v : table[k].second) ids.push_back(static_cast<uint16_t>(syllable_id(v)));
    o << (k % 6 == 0 ? "\n  " : " ") << "{0x" << std::hex << static_cast<uint32_t>(table[k].first) << ", 0x"
      << ((first << 4) | static_cast<uint32_t>(table[k].second.size())) << std::dec << "},";
  }
  o << "\n};\nconst unsigned k" << prefix << "PinyinCount = " << table.size() << ";\n\n";
  o << "const unsigned short k" << prefix << "ReadingIds[] = {";
  for (size_t k = 0; k < ids.size(); ++k) o << (k % 16 == 0 ? "\n  " : " ") << ids[k] << ",";
  o << "\n};\n\n";
}

// Han code point ranges (URO, extensions A–H, compatibility ideographs) that t2s may map.
const std::pair<char32_t, char32_t> kHanRanges[] = {{0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xF900, 0xFAFF},
                                                    {0x20000, 0x2A6DF}, {0x2A700, 0x2EBEF}, {0x2F800, 0x2FA1F},
                                                    {0x30000, 0x323AF}};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s Unihan_Readings.txt.bz2 t2s.json OUT.cpp\n", argv[0]);
    return 2;
  }
  std::string unihan;
  if (!read_bz2(argv[1], unihan)) {
    std::fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[1]);
    return 1;
  }

  // ---- Unihan readings
  std::string unicode_version = "unknown";
  std::map<char32_t, Readings> by_cp;
  std::istringstream lines(unihan);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("# Unicode version:", 0) == 0) unicode_version = line.substr(19);
    if (line.empty() || line[0] == '#') continue;
    auto fields = split(line, '\t');
    if (fields.size() != 3 || fields[0].rfind("U+", 0) != 0) continue;
    char32_t cp = static_cast<char32_t>(std::stoul(fields[0].substr(2), nullptr, 16));
    const std::string& key = fields[1];
    Readings& r = by_cp[cp];
    if (key == "kMandarin") {
      for (auto& v : split(fields[2], ' ')) {
        r.mandarin.push_back(toneless(v));
        r.t_mandarin.push_back(toned(v));
      }
    } else if (key == "kXHC1983") {
      for (auto& entry : split(fields[2], ' ')) {
        auto colon = entry.find(':');
        if (colon == std::string::npos) continue;
        std::string v = entry.substr(colon + 1);
        v.erase(std::remove(v.begin(), v.end(), '*'), v.end());
        r.xhc.push_back(toneless(v));
        r.t_xhc.push_back(toned(v));
      }
    } else if (key == "kHanyuPinyin") {
      for (auto& entry : split(fields[2], ' ')) {
        auto colon = entry.find(':');
        if (colon == std::string::npos) continue;
        for (auto& v : split(entry.substr(colon + 1), ',')) {
          r.hanyu.push_back(toneless(v));
          r.t_hanyu.push_back(toned(v));
        }
      }
    }
  }

  // kMandarin's first value is the zh-Hans reading: the default. Then the rest, distinct.
  auto gather = [](std::initializer_list<const std::vector<std::string>*> lists) {
    std::vector<std::string> all;
    for (auto* list : lists)
      for (auto& v : *list)
        if (!v.empty() && std::find(all.begin(), all.end(), v) == all.end()) all.push_back(v);
    if (all.size() > 15) all.resize(15);  // the index packs the count in 4 bits
    return all;
  };
  std::vector<std::pair<char32_t, std::vector<std::string>>> table, toned_table;
  for (auto& [cp, r] : by_cp) {
    auto all = gather({&r.mandarin, &r.xhc, &r.hanyu});
    if (all.empty()) continue;
    table.emplace_back(cp, std::move(all));
    toned_table.emplace_back(cp, gather({&r.t_mandarin, &r.t_xhc, &r.t_hanyu}));
  }

  // ---- OpenCC t2s, character by character (one per line so no phrase spans two).
  opencc_t cc = opencc_open(argv[2]);
  if (cc == reinterpret_cast<opencc_t>(-1)) {
    std::fprintf(stderr, "%s: cannot open OpenCC config %s: %s\n", argv[0], argv[2], opencc_error());
    return 1;
  }
  std::vector<char32_t> inputs;
  std::string batch;
  for (auto [lo, hi] : kHanRanges)
    for (char32_t cp = lo; cp <= hi; ++cp) {
      inputs.push_back(cp);
      bianmin::utf8::append(batch, cp);
      batch += '\n';
    }
  char* converted = opencc_convert_utf8(cc, batch.c_str(), batch.size());
  if (!converted) {
    std::fprintf(stderr, "%s: OpenCC conversion failed: %s\n", argv[0], opencc_error());
    return 1;
  }
  auto out_lines = split(converted, '\n');
  opencc_convert_utf8_free(converted);
  opencc_close(cc);
  if (out_lines.size() != inputs.size()) {
    std::fprintf(stderr, "%s: OpenCC changed the line count (%zu != %zu)\n", argv[0], out_lines.size(), inputs.size());
    return 1;
  }
  std::vector<std::pair<char32_t, char32_t>> t2s;
  for (size_t k = 0; k < inputs.size(); ++k) {
    size_t i = 0;
    char32_t to = bianmin::utf8::decode(out_lines[k], i);
    if (i == out_lines[k].size() && to != inputs[k]) t2s.emplace_back(inputs[k], to);
  }

  // ---- write
  std::ostringstream o;
  o << "// GENERATED by bianmin-gen-search-tables (content/tools/gen_search_tables.cpp). Do not "
       "edit.\n"
    << "// Pinyin from Unihan_Readings.txt, Unicode " << unicode_version << " (kMandarin, kXHC1983, kHanyuPinyin);\n"
    << "// traditional-to-simplified from OpenCC t2s, character level.\n"
    << "#include \"search_tables.hpp\"\n\nnamespace bianmin::content::search_tables {\n\n";
  write_table(o, "", table);
  write_table(o, "Toned", toned_table);
  o << "const FoldEntry kTradToSimp[] = {";
  for (size_t k = 0; k < t2s.size(); ++k)
    o << (k % 6 == 0 ? "\n  " : " ") << "{0x" << std::hex << static_cast<uint32_t>(t2s[k].first) << ", 0x"
      << static_cast<uint32_t>(t2s[k].second) << std::dec << "},";
  o << "\n};\nconst unsigned kTradToSimpCount = " << t2s.size()
    << ";\n\n}  // namespace bianmin::content::search_tables\n";

  std::string tmp = std::string(argv[3]) + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary);
    f << o.str();
    if (!f) {
      std::fprintf(stderr, "%s: cannot write %s\n", argv[0], tmp.c_str());
      return 1;
    }
  }
  if (std::rename(tmp.c_str(), argv[3]) != 0) {
    std::fprintf(stderr, "%s: cannot rename %s\n", argv[0], tmp.c_str());
    return 1;
  }
  std::printf("search tables: %zu characters with pinyin, %zu t2s mappings\n", table.size(), t2s.size());
  return 0;
}
