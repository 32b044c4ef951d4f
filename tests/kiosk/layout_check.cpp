#include "layout_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "kiosk_test_support.hpp"

namespace bianmin::test {
namespace {

struct Rect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float w() const { return x1 - x0; }
  float h() const { return y1 - y0; }
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};
Rect intersect(Rect a, Rect b) {
  return {std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
}

struct Text {
  Rect r, clip;
  unsigned rgba = 0;
  bool in_scroll = false;
  std::string s;
};
struct Target {
  Rect r;  // the whole target
  bool clipped = false;
  std::string label;
  Rect vis;  // the part that can be tapped (inside its scroll area and the screen)
};

double channel(double c) {
  c /= 255.0;
  return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double luminance(unsigned rgb) {
  return 0.2126 * channel((rgb >> 16) & 0xFF) + 0.7152 * channel((rgb >> 8) & 0xFF) + 0.0722 * channel(rgb & 0xFF);
}
unsigned pixel(const Image& img, int x, int y) {
  x = std::clamp(x, 0, img.w - 1);
  y = std::clamp(y, 0, img.h - 1);
  const unsigned char* p = &img.rgba[(static_cast<size_t>(y) * img.w + x) * 4];
  return static_cast<unsigned>(p[0]) << 16 | static_cast<unsigned>(p[1]) << 8 | p[2];
}
int distance(unsigned a, unsigned b) {
  int d = 0;
  for (int s = 0; s < 24; s += 8)
    d = std::max(d, std::abs(static_cast<int>((a >> s) & 0xFF) - static_cast<int>((b >> s) & 0xFF)));
  return d;
}
std::string fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", v);
  return b;
}

}  // namespace

double contrast_ratio(unsigned a, unsigned b) {
  double la = luminance(a), lb = luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

std::vector<LayoutProblem> check_layout(const std::filesystem::path& png, double dpi, bool elder) {
  std::vector<LayoutProblem> out;
  const Image img = load_png(png);
  std::filesystem::path tsv = png;
  tsv += ".layout.tsv";
  std::ifstream f(tsv);
  if (!f) return {{"report", tsv.string(), "missing (run with --layout-report)"}};
  std::vector<Text> texts;
  std::vector<Target> targets;
  std::vector<Rect> bars;
  std::string line;
  while (std::getline(f, line)) {
    std::vector<std::string> c;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, '\t')) c.push_back(cell);
    if (c.empty()) continue;
    auto num = [&](size_t i) { return i < c.size() ? std::stof(c[i]) : 0.0f; };
    if (c[0] == "T" && c.size() >= 11) {
      Text t{{num(1), num(2), num(3), num(4)}, {num(5), num(6), num(7), num(8)}, 0, c[10] == "1", ""};
      t.rgba = static_cast<unsigned>(std::stoul(c[9], nullptr, 16));
      for (size_t i = 11; i < c.size(); ++i) t.s += (i > 11 ? " " : "") + c[i];
      texts.push_back(t);
    } else if (c[0] == "W" && c.size() >= 6) {
      const Rect whole{num(1), num(2), num(3), num(4)};
      targets.push_back({whole, c[5] == "1", c.size() > 6 ? c[6] : "",
                         c.size() >= 11 ? Rect{num(7), num(8), num(9), num(10)} : whole});
    } else if (c[0] == "B" && c.size() >= 5) {
      bars.push_back({num(1), num(2), num(3), num(4)});
    }
  }
  const Rect screen{0, 0, static_cast<float>(img.w), static_cast<float>(img.h)};
  constexpr float kTol = 2.0f;  // pixels of slack (rounding, glyph bearings)
  // 下滑查看更多 sits on an opaque pill over a list's last lines, by design: what it covers is
  // hidden, not overlapped, and the pill belongs to no row. It is checked like any text.
  const std::string kMore = "下滑查看更多";
  std::vector<Rect> covers;
  for (const auto& t : texts)
    if (t.s == kMore) {
      const float h = t.r.h();
      covers.push_back({t.r.x0 - h * 0.6f, t.r.y0 - h * 0.3f, t.r.x1 + h * 0.6f, t.r.y1 + h * 0.3f});
    }
  auto covered = [&](const Text& t) {
    if (t.s == kMore) return false;
    for (const auto& c : covers)
      if (!intersect(intersect(t.r, t.clip), c).empty()) return true;
    return false;
  };
  texts.erase(std::remove_if(texts.begin(), texts.end(), covered), texts.end());

  // texts over each other (the parts that can be seen)
  for (size_t i = 0; i < texts.size(); ++i) {
    const Rect a = intersect(intersect(texts[i].r, texts[i].clip), screen);
    if (a.empty()) continue;
    for (size_t j = i + 1; j < texts.size(); ++j) {
      const Rect b = intersect(intersect(texts[j].r, texts[j].clip), screen);
      if (b.empty()) continue;
      const Rect x = intersect(a, b);
      if (x.w() > kTol && x.h() > kTol * 2) out.push_back({"overlap", texts[i].s, "over \"" + texts[j].s + "\""});
    }
  }
  for (const auto& t : texts) {
    // outside its clip: never sideways; up and down only where a scroll area cuts it
    const bool side = t.r.x0 < t.clip.x0 - kTol || t.r.x1 > t.clip.x1 + kTol;
    const bool vert = !t.in_scroll && (t.r.y0 < t.clip.y0 - kTol || t.r.y1 > t.clip.y1 + kTol);
    const bool off = t.r.x0 < -kTol || t.r.x1 > screen.x1 + kTol;
    if (side || vert || off) out.push_back({"clipped", t.s, "text cut by its area's edge"});
    // outside its button: the smallest target whose tappable part holds the centre of the
    // text's visible part holds all of that part (a tile running on under the bottom bar is
    // hidden there, and the bar's words are not in it)
    const Rect vis = intersect(intersect(t.r, t.clip), screen);
    if (vis.empty() || t.s == kMore) continue;
    const float cx = (vis.x0 + vis.x1) * 0.5f, cy = (vis.y0 + vis.y1) * 0.5f;
    const Target* in = nullptr;
    for (const auto& w : targets)
      if (cx >= w.vis.x0 && cx < w.vis.x1 && cy >= w.vis.y0 && cy < w.vis.y1 &&
          (!in || w.vis.w() * w.vis.h() < in->vis.w() * in->vis.h()))
        in = &w;
    if (in && (vis.x0 < in->vis.x0 - kTol || vis.x1 > in->vis.x1 + kTol || vis.y0 < in->vis.y0 - kTol ||
               vis.y1 > in->vis.y1 + kTol))
      out.push_back({"spills", t.s, "out of the target \"" + in->label + "\""});
  }
  // targets under 12 mm (elder 15 mm) at the real dpi
  const double min_px = (elder ? 15.0 : 12.0) * dpi / 25.4 - 0.5;
  for (const auto& w : targets)
    if (w.r.w() < min_px || w.r.h() < min_px)
      out.push_back({"target", w.label,
                     fmt(w.r.w() * 25.4 / dpi) + "×" + fmt(w.r.h() * 25.4 / dpi) + " mm, under " +
                         (elder ? "15" : "12") + " mm"});
  // contrast: the text's colour against the commonest other colour under its box
  for (const auto& t : texts) {
    const Rect v = intersect(intersect(t.r, t.clip), screen);
    if (v.w() < 2 || v.h() < 2) continue;
    const unsigned a = t.rgba & 0xFF;
    std::unordered_map<unsigned, int> hist;
    int total = 0;
    unsigned fg_opaque = t.rgba >> 8;
    for (int y = static_cast<int>(std::ceil(v.y0)); y < static_cast<int>(v.y1); ++y)
      for (int x = static_cast<int>(std::ceil(v.x0)); x < static_cast<int>(v.x1); ++x) {
        ++total;
        const unsigned p = pixel(img, x, y);
        if (distance(p, fg_opaque) > 48) ++hist[p];
      }
    unsigned bg = fg_opaque;
    int best = 0;
    for (const auto& [p, n] : hist)
      if (n > best) best = n, bg = p;
    if (total == 0) continue;
    unsigned fg = fg_opaque;
    if (a < 255) {  // blended over what is behind it
      unsigned r = 0;
      for (int s = 0; s < 24; s += 8) {
        const double v2 = ((fg_opaque >> s) & 0xFF) * a / 255.0 + ((bg >> s) & 0xFF) * (255 - a) / 255.0;
        r |= static_cast<unsigned>(std::lround(v2)) << s;
      }
      fg = r;
    }
    const double cr = contrast_ratio(fg, bg);
    if (cr < 4.5) {
      char col[32];
      std::snprintf(col, sizeof col, " (#%06X on #%06X)", fg, bg);
      out.push_back({"contrast", t.s, fmt(cr) + ":1" + col});
    }
  }
  // scroll bars: the bar's middle against the pixels just left of it
  for (const auto& b : bars) {
    const int cy = static_cast<int>((b.y0 + b.y1) * 0.5f);
    const unsigned in = pixel(img, static_cast<int>((b.x0 + b.x1) * 0.5f), cy);
    const unsigned beside = pixel(img, static_cast<int>(b.x0) - 3, cy);
    const double cr = contrast_ratio(in, beside);
    if (cr < 3.0) out.push_back({"bar", "scroll bar", fmt(cr) + ":1"});
  }
  return out;
}

}  // namespace bianmin::test
