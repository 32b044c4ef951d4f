// What the terminals page and the hub's log raise about a terminal (issue 18), decided from
// its last heartbeat alone: a pure function, so tests move the clock.
//
//  - silent:      no heartbeat for longer than 3 × the interval the terminal reported
//                 (or `default_interval_s` when it did not say, e.g. an older agent);
//  - paper_out / jam: the printer word the kiosk wrote ("paper-out", "jam");
//  - behind:      more than one version behind, and that since `behind_for_s` (an hour) —
//                 from when the version two past the terminal's was published;
//  - unconfirmed: the terminal cannot confirm its content is current (its manifest expired).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace bianmin::hub {

struct AlertInput {
  std::string terminal_id, name;
  int64_t last_seen = 0;      // 0 = never heard of
  int64_t interval_s = 0;     // as reported; 0 = not said
  std::string printer_state;  // the kiosk's keyword
  int64_t content_version = 0;
  int64_t latest_version = 0;  // of its channel on this hub
  // When the terminal became more than one version behind (the publication of version
  // content_version + 2), unix seconds; 0 = not known.
  int64_t behind_since = 0;
  std::string freshness;  // "unconfirmed" raises
};

struct Alert {
  std::string terminal_id;
  std::string kind;  // "silent", "paper_out", "jam", "behind", "unconfirmed"
  std::string text;  // plain Chinese for the page and the log
  bool operator==(const Alert&) const = default;
};

struct AlertRules {
  int64_t default_interval_s = 600;  // kiosk.toml's default sync interval (10 minutes)
  int64_t behind_for_s = 3600;
};

std::vector<Alert> alerts_for(const AlertInput& t, int64_t now, const AlertRules& rules = {});

// The printer keyword in the words a clerk knows (缺纸, 卡纸, 离线…); "" → 未报告.
std::string printer_words(const std::string& keyword);

}  // namespace bianmin::hub
