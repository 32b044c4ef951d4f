// Scripts: drive the kiosk as a person would, for tests, docs and maintainers.
//
//   tap "办事指南"         tap the widget whose visible label is (or contains) this text
//   tap X Y               tap at a point (window pixels)
//   drag X1 Y1 X2 Y2 [MS] press, move, release (default 300 ms); inertia continues after
//   hold X Y MS           press and keep the finger down (long press), then release
//   wait MS               let time pass (virtual time when headless: idle tests are fast)
//   wait-print [MS]       wait in real time (default up to 120000 ms) until the print job has
//                         ended (printed, failed or cancelled) or asks whether to print a long
//                         slip; fails if it has not by then. A script that ends with a job
//                         still open waits for it the same way, so the print log says what
//                         happened, not that the kiosk quit
//   wait-for "text" [MS]  wait in real time (default up to 30000 ms) until some text containing
//                         this is drawn, e.g. what the sync agent brings; fails if it is not
//                         by then. The virtual clock follows real time meanwhile
//   wait-real MS          let MS pass in real time, drawing frames as the live kiosk does
//                         (another process at work meanwhile: the agent asking for a screenshot)
//   expect "text"         some text containing this was drawn in the current frame
//   expect-not "text"     no text containing this was drawn
//   shot FILE             save a PNG of the current frame
//   route ROUTE           jump to a route (e.g. guide/CODE), as --route does
//   swap-content FILE     replace the content cache by FILE atomically (copy + rename), as the
//                         sync agent does, to test live reload
//   stroke "label" X,Y X,Y …  draw with one finger through these points inside the widget
//                         with this label (X, Y in thousandths of its width and height: the
//                         same script writes on the pad at every screen size), then wait in
//                         real time until the handwriting is recognised
// Blank lines and lines starting with # are ignored. A failing step stops the script with
// the line number and what was on screen.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "bianmin/base/result.hpp"

namespace bianmin::kiosk {

struct ScriptStep {
  enum class Kind {
    TapLabel,
    TapPoint,
    Drag,
    Hold,
    Wait,
    WaitPrint,
    WaitFor,
    WaitReal,
    Expect,
    ExpectNot,
    Shot,
    Route,
    SwapContent,
    Stroke
  };
  Kind kind = Kind::Wait;
  int line = 0;
  std::string text;  // label, expected text, file, route
  float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double ms = 0;
  std::vector<std::pair<float, float>> points;  // stroke: thousandths of the widget's box
};

Result<std::vector<ScriptStep>> parse_script(const std::string& source, const std::string& file_name);

}  // namespace bianmin::kiosk
