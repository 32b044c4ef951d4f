#include "app/script.hpp"

#include <cstdlib>
#include <sstream>

namespace bianmin::kiosk {
namespace {

// Splits a line into words; "quoted strings" are one word (without the quotes).
bool tokenize(const std::string& line, std::vector<std::string>& out, std::vector<bool>& quoted) {
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ' || line[i] == '\t' || line[i] == '\r') {
      ++i;
      continue;
    }
    if (line[i] == '"') {
      size_t j = line.find('"', i + 1);
      if (j == std::string::npos) return false;
      out.push_back(line.substr(i + 1, j - i - 1));
      quoted.push_back(true);
      i = j + 1;
    } else {
      size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
      out.push_back(line.substr(i, j - i));
      quoted.push_back(false);
      i = j;
    }
  }
  return true;
}

bool num(const std::string& s, double& v) {
  char* end = nullptr;
  v = std::strtod(s.c_str(), &end);
  return !s.empty() && end && *end == '\0';
}

}  // namespace

Result<std::vector<ScriptStep>> parse_script(const std::string& source, const std::string& file_name) {
  std::vector<ScriptStep> steps;
  std::istringstream in(source);
  std::string line;
  int n = 0;
  auto fail = [&](const std::string& msg) { return Result<std::vector<ScriptStep>>::fail(msg, file_name, n); };
  while (std::getline(in, line)) {
    ++n;
    std::vector<std::string> w;
    std::vector<bool> q;
    if (!tokenize(line, w, q)) return fail("unclosed quote");
    if (w.empty() || (!q[0] && w[0][0] == '#')) continue;
    ScriptStep s;
    s.line = n;
    const std::string& cmd = w[0];
    double a[5] = {};
    auto nums = [&](size_t from, size_t count) {
      if (w.size() < from + count) return false;
      for (size_t k = 0; k < count; ++k)
        if (!num(w[from + k], a[k])) return false;
      return true;
    };
    if (cmd == "tap" && w.size() == 2 && q[1]) {
      s.kind = ScriptStep::Kind::TapLabel;
      s.text = w[1];
    } else if (cmd == "tap" && w.size() == 3 && nums(1, 2)) {
      s.kind = ScriptStep::Kind::TapPoint;
      s.x1 = static_cast<float>(a[0]);
      s.y1 = static_cast<float>(a[1]);
    } else if (cmd == "drag" && (w.size() == 5 || w.size() == 6) && nums(1, w.size() - 1)) {
      s.kind = ScriptStep::Kind::Drag;
      s.x1 = static_cast<float>(a[0]);
      s.y1 = static_cast<float>(a[1]);
      s.x2 = static_cast<float>(a[2]);
      s.y2 = static_cast<float>(a[3]);
      s.ms = w.size() == 6 ? a[4] : 300;
    } else if (cmd == "hold" && w.size() == 4 && nums(1, 3)) {
      s.kind = ScriptStep::Kind::Hold;
      s.x1 = static_cast<float>(a[0]);
      s.y1 = static_cast<float>(a[1]);
      s.ms = a[2];
    } else if (cmd == "wait" && w.size() == 2 && nums(1, 1)) {
      s.kind = ScriptStep::Kind::Wait;
      s.ms = a[0];
    } else if (cmd == "wait-print" && (w.size() == 1 || (w.size() == 2 && nums(1, 1)))) {
      s.kind = ScriptStep::Kind::WaitPrint;
      s.ms = w.size() == 2 ? a[0] : 120000;
    } else if (cmd == "wait-real" && w.size() == 2 && nums(1, 1)) {
      s.kind = ScriptStep::Kind::WaitReal;
      s.ms = a[0];
    } else if (cmd == "wait-for" && (w.size() == 2 || (w.size() == 3 && nums(2, 1)))) {
      s.kind = ScriptStep::Kind::WaitFor;
      s.text = w[1];
      s.ms = w.size() == 3 ? a[0] : 30000;
    } else if ((cmd == "expect" || cmd == "expect-not") && w.size() == 2) {
      s.kind = cmd == "expect" ? ScriptStep::Kind::Expect : ScriptStep::Kind::ExpectNot;
      s.text = w[1];
    } else if (cmd == "shot" && w.size() == 2) {
      s.kind = ScriptStep::Kind::Shot;
      s.text = w[1];
    } else if (cmd == "route" && w.size() == 2) {
      s.kind = ScriptStep::Kind::Route;
      s.text = w[1];
    } else if (cmd == "swap-content" && w.size() == 2) {
      s.kind = ScriptStep::Kind::SwapContent;
      s.text = w[1];
    } else if (cmd == "stroke" && w.size() >= 3 && q[1]) {
      s.kind = ScriptStep::Kind::Stroke;
      s.text = w[1];
      for (size_t k = 2; k < w.size(); ++k) {
        const size_t comma = w[k].find(',');
        double x = 0, y = 0;
        if (comma == std::string::npos || !num(w[k].substr(0, comma), x) || !num(w[k].substr(comma + 1), y) || x < 0 ||
            x > 1000 || y < 0 || y > 1000)
          return fail("stroke: \"" + w[k] + "\" is not a point X,Y with X and Y from 0 to 1000");
        s.points.emplace_back(static_cast<float>(x), static_cast<float>(y));
      }
    } else {
      return fail(
          "cannot read this step: " + line +
          " (steps: tap \"label\" | tap X Y | drag X1 Y1 X2 Y2 [MS] | hold X Y MS | wait MS | wait-print [MS] | "
          "wait-for \"text\" [MS] | wait-real MS | "
          "expect \"text\" | expect-not \"text\" | shot FILE | route ROUTE | swap-content FILE | stroke \"label\" X,Y "
          "X,Y …)");
    }
    steps.push_back(std::move(s));
  }
  return steps;
}

}  // namespace bianmin::kiosk
