// Alerts about a terminal (see fleet_alerts.hpp).
#include "fleet_alerts.hpp"

namespace bianmin::hub {

namespace {
std::string label(const AlertInput& t) { return t.name.empty() ? t.terminal_id : t.name + "（" + t.terminal_id + "）"; }

std::string duration_words(int64_t s) {
  if (s < 120) return std::to_string(s) + " 秒";
  if (s < 7200) return std::to_string(s / 60) + " 分钟";
  if (s < 2 * 86400) return std::to_string(s / 3600) + " 小时";
  return std::to_string(s / 86400) + " 天";
}
}  // namespace

std::string printer_words(const std::string& k) {
  // The kiosk's keywords (kiosk/printing print_service.hpp BIANMIN_PRINT_PROBLEMS).
  if (k.empty()) return "未报告";
  if (k == "ok") return "正常";
  if (k == "none") return "未接打印机";
  if (k == "paper-out") return "缺纸";
  if (k == "jam") return "卡纸";
  if (k == "offline") return "离线";
  if (k == "stopped") return "已停用";
  if (k == "wedged") return "无响应";
  if (k == "error") return "故障";
  if (k == "timeout") return "打印超时";
  if (k == "render-failed") return "小票生成失败";
  if (k == "cancelled") return "正常（上一张已取消）";
  return "未知状态";
}

std::vector<Alert> alerts_for(const AlertInput& t, int64_t now, const AlertRules& rules) {
  std::vector<Alert> out;
  int64_t interval = t.interval_s > 0 ? t.interval_s : rules.default_interval_s;
  if (t.last_seen == 0)
    out.push_back({t.terminal_id, "silent", label(t) + " 登记后从未联系中心"});
  else if (now - t.last_seen > 3 * interval)
    out.push_back({t.terminal_id, "silent",
                   label(t) + " 已 " + duration_words(now - t.last_seen) + "没有联系中心（同步间隔 " +
                       duration_words(interval) + "）"});
  if (t.printer_state == "paper-out") out.push_back({t.terminal_id, "paper_out", label(t) + " 打印机缺纸，请加纸"});
  if (t.printer_state == "jam") out.push_back({t.terminal_id, "jam", label(t) + " 打印机卡纸，请取出卡住的纸"});
  int64_t behind = t.latest_version - t.content_version;
  if (behind > 1 && t.behind_since > 0 && now - t.behind_since >= rules.behind_for_s)
    out.push_back(
        {t.terminal_id, "behind",
         label(t) + " 内容落后 " + std::to_string(behind) + " 个版本已超过 " + duration_words(now - t.behind_since)});
  if (t.freshness == "unconfirmed")
    out.push_back({t.terminal_id, "unconfirmed", label(t) + " 无法确认内容是否最新（签名已过期）"});
  return out;
}

}  // namespace bianmin::hub
