// The hand-written strokes of tests/kiosk/data/handwriting_strokes.txt: characters written in
// standard stroke order and direction as point lists in a 1000 x 1000 box.
#pragma once
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bianmin/ime/handwriting.hpp"

namespace bianmin::test {

struct WrittenCharacter {
  std::string character;
  ime::Ink ink;
};

inline std::vector<WrittenCharacter> written_characters() {
  std::vector<WrittenCharacter> out;
  std::ifstream in(std::string(BIANMIN_SOURCE_DIR) + "/tests/kiosk/data/handwriting_strokes.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    WrittenCharacter c;
    words >> c.character;
    c.ink.strokes.emplace_back();
    std::string w;
    while (words >> w) {
      if (w == ";") {
        c.ink.strokes.emplace_back();
        continue;
      }
      const auto comma = w.find(',');
      c.ink.strokes.back().push_back(ime::InkPoint{std::stof(w.substr(0, comma)), std::stof(w.substr(comma + 1))});
    }
    out.push_back(std::move(c));
  }
  return out;
}

// One "stroke" script step per stroke, writing `c` on the widget labelled `label`.
inline std::string stroke_steps(const WrittenCharacter& c, const std::string& label = "手写板") {
  std::string s;
  for (const auto& stroke : c.ink.strokes) {
    s += "stroke \"" + label + "\"";
    for (const auto& p : stroke)
      s += " " + std::to_string(static_cast<int>(p.x)) + "," + std::to_string(static_cast<int>(p.y));
    s += "\n";
  }
  return s;
}

}  // namespace bianmin::test
