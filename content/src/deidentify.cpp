#include "bianmin/content/deidentify.hpp"

#include <algorithm>
#include <vector>

namespace bianmin::content {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string compact(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (c != ' ' && c != '-' && c != '\t') out.push_back(c);
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

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

}  // namespace

std::string mask_id_number(std::string_view id, const MaskOptions& o) {
  std::string s = compact(id);
  if (s.size() == 18)
    return keep_ends(s, std::min(o.id_keep_head, 6), std::min(o.id_keep_tail, 4));
  if (s.size() == 15)
    return keep_ends(s, std::min(o.id_keep_head, 6), std::min(o.id_keep_tail, 3));
  return keep_ends(s, 0, std::min(o.id_keep_tail, 4));
}

std::string mask_bank_account(std::string_view account, const MaskOptions& o) {
  return keep_ends(compact(account), 0, std::min(o.account_keep_tail, 4));
}

std::string mask_phone(std::string_view phone, const MaskOptions& o) {
  return keep_ends(compact(phone), std::min(o.phone_keep_head, 3), std::min(o.phone_keep_tail, 4));
}

std::string mask_name(std::string_view name) {
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
  // split into UTF-8 characters
  std::vector<std::string_view> chars;
  for (std::size_t i = 0; i < name.size();) {
    std::size_t j = i + 1;
    while (j < name.size() && (static_cast<unsigned char>(name[j]) & 0xC0) == 0x80) ++j;
    chars.push_back(name.substr(i, j - i));
    i = j;
  }
  if (chars.size() <= 1) return std::string(name);
  std::string out(chars.front());
  if (chars.size() == 2) return out + "*";
  for (std::size_t k = 1; k + 1 < chars.size(); ++k) out += "*";
  out += chars.back();
  return out;
}

bool looks_like_raw_id_number(std::string_view s) {
  if (s.size() == 15) return all_digits(s);
  if (s.size() != 18 || !all_digits(s.substr(0, 17))) return false;
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

std::optional<RawIdentifier> find_raw_identifier(std::string_view t, bool mobiles) {
  const std::size_t n = t.size();
  std::size_t i = 0;
  while (i < n) {
    if (!is_digit(t[i])) {
      ++i;
      continue;
    }
    // A span: digit groups joined by single spaces or dashes. A letter or digit touching the
    // span (as in item codes like 432625000MZ-JF-0001) ends it without a match.
    const std::size_t start = i;
    std::string joined;
    std::vector<std::size_t> group_sizes;
    std::size_t end = i;
    while (true) {
      std::size_t g = end;
      while (g < n && is_digit(t[g])) ++g;
      group_sizes.push_back(g - end);
      joined.append(t.substr(end, g - end));
      end = g;
      if (end + 1 < n && (t[end] == ' ' || t[end] == '-') && is_digit(t[end + 1])) {
        ++end;
        continue;
      }
      break;
    }
    // An ID number may end in X.
    bool x_tail = end < n && (t[end] == 'X' || t[end] == 'x');
    auto ascii_alnum = [](char c) {
      return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    };
    bool glued_before = start > 0 && ascii_alnum(t[start - 1]);
    // Check each group alone (the common case) and the joined span when it is grouped.
    std::string first(t.substr(start, group_sizes.front()));
    std::vector<std::string> candidates;
    if (group_sizes.size() == 1) {
      candidates.push_back(x_tail ? first + 'X' : first);
      if (x_tail) candidates.push_back(first);
    } else {
      for (std::size_t k = 0, pos = start; k < group_sizes.size(); ++k) {
        candidates.emplace_back(t.substr(pos, group_sizes[k]));
        pos += group_sizes[k] + 1;
      }
      // Only the ways these numbers are printed: 138 1234 5678, 432625 19620905 0308,
      // 6222 0212 3456 7890 123 (so "120 150 180 …" in a list never joins up).
      const auto& g = group_sizes;
      bool grouped = g == std::vector<std::size_t>{3, 4, 4} ||
                     (g.size() == 3 && g[0] == 6 && g[1] == 8 && (g[2] == 4 || g[2] == 3)) ||
                     (g.size() >= 4 && g.back() >= 1 && g.back() <= 4 &&
                      std::all_of(g.begin(), g.end() - 1, [](std::size_t s) { return s == 4; }));
      if (grouped) candidates.push_back(x_tail ? joined + 'X' : joined);
    }
    if (!glued_before) {
      for (const auto& c : candidates) {
        if (auto kind = classify(c, mobiles)) {
          return RawIdentifier{*kind, std::string(t.substr(start, end - start + (x_tail ? 1 : 0)))};
        }
      }
    }
    i = end + (x_tail ? 1 : 0);
  }
  return std::nullopt;
}

const char* label(RawIdentifier::Kind kind) {
  switch (kind) {
    case RawIdentifier::Kind::IdNumber: return "身份证号";
    case RawIdentifier::Kind::BankCard: return "银行卡号";
    case RawIdentifier::Kind::Mobile: return "手机号";
  }
  return "";
}

}  // namespace bianmin::content
