#include "bianmin/content/deidentify.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "bianmin/base/utf8.hpp"

namespace bianmin::content {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// What fold_identifier_text turns `cp` into: an ASCII character, 0 to drop it, or -1 to keep it.
int fold(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return static_cast<int>(cp - 0xFEE0);                  // fullwidth ASCII
  if (cp >= 0x1D7CE && cp <= 0x1D7FF) return '0' + static_cast<int>((cp - 0x1D7CE) % 10);  // math digits
  if (cp >= 0x2460 && cp <= 0x2468) return '1' + static_cast<int>(cp - 0x2460);            // ①-⑨
  if (cp >= 0x2080 && cp <= 0x2089) return '0' + static_cast<int>(cp - 0x2080);            // subscripts
  if (cp >= 0x2074 && cp <= 0x2079) return '4' + static_cast<int>(cp - 0x2074);            // superscripts
  switch (cp) {
    case 0x2070:
    case 0x24EA:
      return '0';
    case 0x00B9:
      return '1';
    case 0x00B2:
      return '2';
    case 0x00B3:
      return '3';
    case 0x3000:
    case 0x00A0:
    case 0x202F:
    case 0x205F:
      return ' ';
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
    case 0x00AD:
      return 0;
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
      return '-';
    case 0x00B7:
    case 0x2024:
    case 0x30FB:
    case 0xFF65:
      return '.';
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return ' ';
  return -1;
}

// Unicode white space a name or cell may be padded with (ideographic space included).
bool is_unicode_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0x00A0 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0xFEFF;
}

std::string compact(std::string_view s) {
  std::string folded = fold_identifier_text(s);
  std::string out;
  out.reserve(folded.size());
  for (char c : folded)
    if (c != ' ' && c != '-' && c != '\t' && c != '.') out.push_back(c);
  return out;
}

std::string keep_ends(const std::string& s, int head, int tail) {
  const int n = static_cast<int>(s.size());
  head = std::max(0, head);
  tail = std::max(0, tail);
  if (head + tail >= n) {  // never show everything: hide at least the middle half
    head = std::min(head, n / 4);
    tail = std::min(tail, n / 4);
  }
  std::string out = s;
  for (int i = head; i < n - tail; ++i) out[i] = '*';
  return out;
}

bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }

// A birth date as an ID writes it: YYYYMMDD (or YYMMDD in a 15-digit number).
bool birth_date(std::string_view d) {
  auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t k = at; k < at + n; ++k) v = v * 10 + (d[k] - '0');
    return v;
  };
  std::size_t y = d.size() == 8 ? 4 : 2;
  int year = num(0, y), month = num(y, 2), day = num(y + 2, 2);
  if (y == 4 && (year < 1880 || year > 2100)) return false;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// ISO 7064 MOD 11,10 (the check digit of 15-digit business registration numbers).
bool mod11_10(std::string_view d) {
  int p = 10;
  for (std::size_t i = 0; i + 1 < d.size(); ++i) {
    int s = (p + (d[i] - '0')) % 10;
    if (s == 0) s = 10;
    p = (s * 2) % 11;
  }
  return (p + (d.back() - '0')) % 10 == 1;
}

// Compound surnames (复姓) common enough to appear in a township's rolls.
constexpr std::array<std::string_view, 48> kCompoundSurnames = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "司空", "夏侯", "令狐", "轩辕", "端木", "西门", "南宫", "独孤", "申屠", "澹台", "公羊", "赫连",
    "呼延", "万俟", "钟离", "闻人", "太史", "濮阳", "单于", "拓跋", "百里", "东郭", "左丘", "第五",
    "梁丘", "羊舌", "微生", "公冶", "乐正", "谷梁", "巫马", "漆雕", "亓官", "鲜于", "闾丘", "司寇",
};

}  // namespace

std::string fold_identifier_text(std::string_view t) {
  std::string out;
  out.reserve(t.size());
  for (std::size_t i = 0; i < t.size();) {
    const utf8::Decoded d = utf8::decode_at(t, i);
    int f = d.cp < 0x80 ? -1 : fold(d.cp);
    if (f < 0)
      out.append(t.substr(i, d.size));
    else if (f > 0)
      out.push_back(static_cast<char>(f));
    i += d.size;
  }
  return out;
}

std::string mask_id_number(std::string_view id, const MaskOptions& o) {
  std::string s = compact(id);
  if (s.size() == 18) return keep_ends(s, std::min(o.id_keep_head, 6), std::min(o.id_keep_tail, 4));
  if (s.size() == 15) return keep_ends(s, std::min(o.id_keep_head, 6), std::min(o.id_keep_tail, 3));
  return keep_ends(s, 0, std::min(o.id_keep_tail, 4));
}

std::string mask_bank_account(std::string_view account, const MaskOptions& o) {
  return keep_ends(compact(account), 0, std::min(o.account_keep_tail, 4));
}

std::string mask_phone(std::string_view phone, const MaskOptions& o) {
  return keep_ends(compact(phone), std::min(o.phone_keep_head, 3), std::min(o.phone_keep_tail, 4));
}

std::string mask_name(std::string_view name) {
  // split into UTF-8 characters, dropping surrounding (Unicode) spaces
  std::vector<std::string_view> chars;
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t n = utf8::decode_at(name, i).size;
    chars.push_back(name.substr(i, n));
    i += n;
  }
  auto space = [](std::string_view c) { return is_unicode_space(utf8::decode_at(c, 0).cp); };
  while (!chars.empty() && space(chars.front())) chars.erase(chars.begin());
  while (!chars.empty() && space(chars.back())) chars.pop_back();
  if (chars.size() <= 1) return chars.empty() ? std::string() : std::string(chars.front());
  std::size_t surname = 1;
  if (chars.size() >= 3) {
    std::string two = std::string(chars[0]) + std::string(chars[1]);
    if (std::find(kCompoundSurnames.begin(), kCompoundSurnames.end(), two) != kCompoundSurnames.end()) surname = 2;
  }
  std::string out;
  for (std::size_t k = 0; k < surname; ++k) out += chars[k];
  if (chars.size() == surname + 1) return out + "*";
  if (chars.size() == 2) return out + "*";
  for (std::size_t k = surname; k + 1 < chars.size(); ++k) out += "*";
  out += chars.back();
  return out;
}

bool looks_like_raw_id_number(std::string_view s) {
  if (s.size() == 15) return all_digits(s) && s[0] >= '1' && s[0] <= '8' && birth_date(s.substr(6, 6));
  if (s.size() != 18 || !all_digits(s.substr(0, 17)) || !birth_date(s.substr(6, 8))) return false;
  static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char check[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (s[i] - '0') * weights[i];
  char last = s[17] == 'x' ? 'X' : s[17];
  return check[sum % 11] == last;
}

bool looks_like_bank_card(std::string_view d) {
  if (d.size() < 16 || d.size() > 19 || !all_digits(d)) return false;
  int sum = 0;
  bool dbl = false;
  for (std::size_t i = d.size(); i-- > 0;) {
    int v = d[i] - '0';
    if (dbl) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

bool looks_like_mobile(std::string_view d) {
  return d.size() == 11 && all_digits(d) && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

namespace {

std::optional<RawIdentifier::Kind> classify(std::string_view d, bool mobiles) {
  if (looks_like_raw_id_number(d)) return RawIdentifier::Kind::IdNumber;
  if (looks_like_bank_card(d)) return RawIdentifier::Kind::BankCard;
  if (mobiles && looks_like_mobile(d)) return RawIdentifier::Kind::Mobile;
  return std::nullopt;
}

}  // namespace

std::optional<RawIdentifier> find_raw_identifier(std::string_view raw, bool mobiles) {
  // Plain ASCII (most CSV cells) needs no folding: no copy.
  const bool ascii = std::all_of(raw.begin(), raw.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  const std::string folded = ascii ? std::string() : fold_identifier_text(raw);
  const std::string_view t = ascii ? raw : std::string_view(folded);
  const std::size_t n = t.size();
  auto ascii_alnum = [](char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  // A line break between two digit runs, with the indentation around it: its length, or 0.
  auto line_break_at = [&](std::size_t p) -> std::size_t {
    std::size_t q = p;
    while (q < n && (t[q] == ' ' || t[q] == '\t')) ++q;
    if (q < n && t[q] == '\r') ++q;
    if (q >= n || t[q] != '\n') return 0;
    ++q;
    while (q < n && (t[q] == ' ' || t[q] == '\t')) ++q;
    return q < n && is_digit(t[q]) ? q - p : 0;
  };
  std::size_t i = 0;
  while (i < n) {
    if (!is_digit(t[i])) {
      ++i;
      continue;
    }
    // A span: digit groups joined by single spaces, dashes or dots, or by one line break. A
    // letter or digit touching the span (as in item codes like 432625000MZ-JF-0001) ends it
    // without a match.
    const std::size_t start = i;
    struct Group {
      std::string digits;
      bool after_break = false;  // the line break came before this group
    };
    std::vector<Group> groups;
    std::size_t end = i;
    bool broke = false;
    while (true) {
      std::size_t g = end;
      while (g < n && is_digit(t[g])) ++g;
      groups.push_back({std::string(t.substr(end, g - end)), false});
      end = g;
      if (end + 1 < n && (t[end] == ' ' || t[end] == '-' || t[end] == '.') && is_digit(t[end + 1])) {
        ++end;
        continue;
      }
      if (std::size_t br = broke ? 0 : line_break_at(end)) {
        broke = true;
        end += br;
        std::size_t g2 = end;
        while (g2 < n && is_digit(t[g2])) ++g2;
        if (groups.back().digits.size() >= 4 && g2 - end >= 4) {
          groups.push_back({std::string(t.substr(end, g2 - end)), true});
          end = g2;
          if (end + 1 < n && (t[end] == ' ' || t[end] == '-' || t[end] == '.') && is_digit(t[end + 1])) {
            ++end;
            continue;
          }
        } else {
          end -= br;  // not an identifier cut in two: the next line is a span of its own
        }
      }
      break;
    }
    // An ID number may end in X.
    bool x_tail = end < n && (t[end] == 'X' || t[end] == 'x');
    bool glued_before = start > 0 && ascii_alnum(t[start - 1]);
    std::vector<std::string> candidates;
    auto add = [&](std::string c, bool x) {
      if (x) candidates.push_back(c + 'X');
      candidates.push_back(std::move(c));
    };
    // Each group alone (the common case); the last one may take the X.
    for (std::size_t k = 0; k < groups.size(); ++k) add(groups[k].digits, x_tail && k + 1 == groups.size());
    // Groups on one line join only the ways these numbers are printed: 138 1234 5678,
    // 432625 19620905 0308, 6222 0212 3456 7890 123, +86 138 1234 5678 (so "120 150 180 …"
    // in a list never joins up). Across the line break, the two pieces it cuts join.
    std::size_t first_line = 0;
    while (first_line < groups.size() && !groups[first_line].after_break) ++first_line;
    auto joined = [&](std::size_t from, std::size_t to) {
      std::string j;
      for (std::size_t k = from; k < to; ++k) j += groups[k].digits;
      return j;
    };
    auto printed_grouping = [&](std::size_t from, std::size_t to) {
      std::vector<std::size_t> g;
      for (std::size_t k = from; k < to; ++k) g.push_back(groups[k].digits.size());
      if (g.size() < 2) return false;
      return g == std::vector<std::size_t>{3, 4, 4} ||
             (g.size() == 3 && g[0] == 6 && g[1] == 8 && (g[2] == 4 || g[2] == 3)) ||
             (g.size() >= 4 && g.back() >= 1 && g.back() <= 4 &&
              std::all_of(g.begin(), g.end() - 1, [](std::size_t s) { return s == 4; }));
    };
    for (auto [from, to] : {std::pair<std::size_t, std::size_t>{0, first_line}, {first_line, groups.size()}}) {
      if (printed_grouping(from, to)) add(joined(from, to), x_tail && to == groups.size());
      // A country code in front: +86 138 1234 5678
      if (to - from >= 2 && (groups[from].digits == "86" || groups[from].digits == "0086") &&
          printed_grouping(from + 1, to))
        add(joined(from + 1, to), false);
    }
    if (first_line > 0 && first_line < groups.size()) {
      add(groups[first_line - 1].digits + groups[first_line].digits, x_tail && first_line + 1 == groups.size());
      add(joined(0, groups.size()), x_tail);
    }
    // With the country code written in one piece: +8613812345678, 008613812345678
    for (std::size_t k = 0, m = candidates.size(); k < m; ++k) {
      const std::string c = candidates[k];  // a copy: push_back below may move the elements
      if (c.size() == 13 && c.compare(0, 2, "86") == 0) candidates.push_back(c.substr(2));
      if (c.size() == 15 && c.compare(0, 4, "0086") == 0) candidates.push_back(c.substr(4));
    }
    // A 15-digit business registration number (工商注册号) written as one: its last digit is
    // an ISO 7064 MOD 11,10 check digit and the text just before says what it is.
    auto registration_number = [&](const std::string& c) {
      if (c.size() != 15 || !mod11_10(c)) return false;
      std::string_view before = t.substr(start >= 40 ? start - 40 : 0, start >= 40 ? 40 : start);
      for (std::string_view w : {"注册号", "执照", "工商", "登记号"})
        if (before.find(w) != std::string_view::npos) return true;
      return false;
    };
    if (!glued_before) {
      for (const auto& c : candidates) {
        if (registration_number(c)) continue;
        if (auto kind = classify(c, mobiles)) return RawIdentifier{*kind, c};
      }
    }
    i = end + (x_tail ? 1 : 0);
  }
  return std::nullopt;
}

const char* label(RawIdentifier::Kind kind) {
  switch (kind) {
    case RawIdentifier::Kind::IdNumber:
      return "身份证号";
    case RawIdentifier::Kind::BankCard:
      return "银行卡号";
    case RawIdentifier::Kind::Mobile:
      return "手机号";
  }
  return "";
}

}  // namespace bianmin::content
