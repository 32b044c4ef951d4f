// A current screenshot for the hall console (issue 18), answered by the running kiosk.
//
// The sync agent writes <state_dir>/screenshot-request when the hub's heartbeat answer asks for
// one (bianmin/sync/screen_request.hpp). The kiosk looks for it at most twice a second, draws its
// next frame, and answers with that frame as PNG, or refuses: a fund table (household names,
// masked or not) never leaves the terminal as a picture unless the hall allows it
// (hub.toml terminals.screenshot_fund_names), and the 评价建议 screen never does (a villager's
// own words). Writing the PNG takes a few tens of milliseconds
// on that one frame; nothing touches the network here.
#pragma once
#include <string>

#include "screens/route.hpp"

namespace bianmin::kiosk {

// Why the screen drawn for `shown` may not be sent to the hub ("" = it may). `allow_names`: the
// hall allows pictures of fund tables.
std::string screenshot_refusal(const Route& shown, bool allow_names);

}  // namespace bianmin::kiosk
