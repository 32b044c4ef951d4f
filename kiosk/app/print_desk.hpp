// The kiosk's print desk (the print controller): turns an intent::Print (a guide, a card, a
// fund publication's village/group extract, staff's test slip) into a slip printed through
// CUPS, without ever blocking the frame, and says what happens in plain words.
//
// Promises:
//  - print() reads the item from the content store on the frame thread (a few indexed
//    lookups), hands rendering and submission to printing::PrintService's worker, and
//    returns at once. Unknown items and a kiosk without printer fail at once, plainly.
//  - One job per tap window: a print() while a job is queued, printing or waiting for a yes, or
//    within kTapWindowMs of the last one, is ignored (a double tap prints one slip).
//  - Guides print as the compact checklist (slips::GuideDetail::Checklist); a fund extract
//    prints the chosen group's names, or for a whole village each group's totals.
//  - A slip longer than confirm_above_mm is not printed before the person says yes:
//    awaiting_confirm() is then true and status_text() is the question with its length;
//    confirm() prints, cancel() drops it. cancel() also stops a job being printed.
//  - status_text() is what the toast shows: 正在打印…, 打印完成, or the failure sentence
//    (缺纸 / 卡纸 / 打印机离线 / 打印超时 …) followed by an offer to scan the QR code when the
//    item has an online URL; qr_url() is that URL while a failure is shown.
//  - printer_text() is the printer state for staff mode: queue, 打印机正常 / 缺纸 / 打印机离线 …
//  - Every job's outcome is logged to the outbox (printing::outbox_logger) by the worker, the
//    item named as the outbox names it (print_log_item: "guide/CODE", "card/ID",
//    "fund/ID/VILLAGE/GROUP", "test").
//  - The printer's state goes to `printer_state` (<state_dir>/printer-state, read by
//    bianmin-sync for its heartbeats) as one word and a newline: printing::keyword() of the
//    printer's problem (ok, paper-out, jam, offline, stopped, error), "none" without a printer.
//    The print worker writes it after a check of the printer whose word differs from the
//    file's (or when the last write failed), atomically (temp file + rename), whether or not
//    the kiosk draws frames; nothing is written before the first check.
#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "bianmin/content/store.hpp"
#include "bianmin/printing/print_service.hpp"
#include "bianmin/slips/slips.hpp"
#include "screens/screen.hpp"

namespace bianmin::kiosk {

struct PrintDeskOptions {
  std::string queue;   // CUPS queue ("" = no printer)
  std::string server;  // CUPS server ("" = libcups' default)
  slips::Paper paper = slips::Paper::Roll80;
  int timeout_seconds = 60;  // config printer.print_timeout_seconds
  std::string terminal_id;
  std::filesystem::path outbox;                           // where print log events go ("" = not logged)
  std::filesystem::path printer_state;                    // where the heartbeat's printer word goes ("" = nowhere)
  printing::Language language = printing::Language::Pdf;  // config printer.language
  int raster_dots = 0;                                    // config printer.width_dots (0 = by paper)
  double confirm_above_mm = 300;                          // config printer.confirm_above_cm × 10; 0 = never ask
};

inline constexpr double kTapWindowMs = 2000;  // taps this close print one slip

class PrintDesk {
 public:
  explicit PrintDesk(PrintDeskOptions options);
  ~PrintDesk();

  // Starts printing `item`; returns at once. `now_ms` is the app clock.
  void print(const content::Store& store, const intent::Print& item, double now_ms);
  // Polls the job; true when what status_text() says changed since the last call.
  bool update(double now_ms);
  const std::string& status_text() const { return text_; }
  const std::string& qr_url() const { return failed_ ? url_ : empty_; }
  bool busy() const;  // a job is queued, printing or waiting for a yes: the app keeps polling
  bool awaiting_confirm() const { return awaiting_; }  // a long slip waits for a yes
  bool cancellable() const { return job_ != 0; }       // 取消 is offered
  void confirm();                                      // print the long slip
  void cancel();                                       // stop the job (or say no to the long slip)
  std::string printer_text() const;
  void dismiss();  // the person tapped the toast away (or left: idle reset): a slip still
                   // waiting for a yes is dropped
  bool enabled() const { return service_ != nullptr; }

 private:
  PrintDeskOptions opt_;
  std::unique_ptr<printing::PrintService> service_;
  printing::JobId job_ = 0;
  std::string text_, url_, empty_;
  bool failed_ = false;
  bool awaiting_ = false;
  double show_until_ms_ = 0;
  double last_submit_ms_ = -1e18;
};

// How the outbox's print log names `item` (see the promises above).
std::string print_log_item(const intent::Print& item);

}  // namespace bianmin::kiosk
