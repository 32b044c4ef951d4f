// The console's publishing pages (issue 17): a 经办 prepares a change to the hall's source
// folder (fund lists from spreadsheets, YAML files for bulk work), sees every problem at once,
// the change report and preview pictures rendered by the kiosk itself; submits; a different
// 审核 approves with the signing passphrase (the change is built, signed and published as the
// channel's next version, waking pushed terminals) or sends it back with a comment.
//
//   GET  /console/api/changes                      the changes, the source folder, the key
//   POST /console/api/changes                      {"title"} a new change (经办)
//   GET  /console/api/changes/<id>                 the change, its problems, its report, its
//                                                  preview pictures ("pictures_stale": edited since)
//   POST /console/api/changes/<id>/sheet           {"fund","name","data" (base64),"sheet"?,"columns"?}
//   POST /console/api/changes/<id>/file            {"path","text"} a source file (YAML / CSV)
//   GET  /console/api/changes/<id>/file?path=P     a source file of the change (download)
//   GET  /console/api/changes/<id>/item?path=P     a form's fields (item_form.hpp), the file's
//                                                  problems by field; a fund header's rows and sum
//   POST /console/api/changes/<id>/item            {"path","fields"} written back, then checked;
//                                                  {"path","remove":true} deletes the item, or
//                                                  409 {"error","in_use"} while another file names it
//   POST /console/api/changes/<id>/preview         renders the preview pictures
//   GET  /console/api/changes/<id>/preview/<n>.png one picture
//   POST /console/api/changes/<id>/submit|withdraw (经办)
//   POST /console/api/changes/<id>/approve         {"passphrase"} (审核, not the author)
//   POST /console/api/changes/<id>/return          {"comment"} (审核, not the author)
//   GET  /console/api/templates/<household|project>.xlsx   the spreadsheet template
//
// Every state-changing route goes through Console::require (session, CSRF) and is audited.
// Problems come from the importer itself (content::import_source, sheets::check_fund_sheet):
// the console and `bianmin-publish` never disagree.
#pragma once
#include <httplib.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "bianmin/base/result.hpp"
#include "bianmin/content/importer.hpp"
#include "bianmin/sync/crypto.hpp"
#include "changes.hpp"
#include "console_web.hpp"

namespace bianmin::console {

struct FlowOptions {
  std::filesystem::path source;          // the hall's source folder (bianmin-publish build reads it too)
  std::filesystem::path changes_dir;     // the changes' copies (<data>/changes)
  DbPlace db;                            // where the console's tables are (hub.db or PostgreSQL)
  std::string channel;                   // what approval publishes to ("" = approval refuses)
  std::filesystem::path sealed_key;      // the publisher key, sealed (sealed_key.hpp)
  std::filesystem::path kiosk;           // bianmin-kiosk for the previews ("" = no pictures)
  std::filesystem::path village_config;  // the village tablet's kiosk.toml as shipped ("" = none)
  // Publishes the content cache `db` as the channel's next version signed with `key`; returns
  // the version (the hub wakes the terminals holding a long-poll).
  std::function<Result<int64_t>(const std::string& channel, const std::filesystem::path& db, const sync::KeyPair& key)>
      publish;
  std::function<int64_t()> clock;  // unix seconds; default time(nullptr)
};

// Why preview pictures cannot be made with `kiosk` (plain Chinese), or "" when they can: the
// bianmin-hub package only recommends bianmin-kiosk, so the console says so instead of failing.
std::string preview_unavailable(const std::filesystem::path& kiosk);

class PublishFlow {
 public:
  static Result<std::unique_ptr<PublishFlow>> open(Console& console, StaffStore& staff, FlowOptions o);
  // Installs the routes (before Console::routes, whose catch-all answers 404).
  void routes(httplib::Server& srv);

 private:
  PublishFlow(Console& c, StaffStore& s, FlowOptions o, std::unique_ptr<ChangeStore> changes)
      : console_(c), staff_(s), o_(std::move(o)), changes_(std::move(changes)) {}
  int64_t now() const;
  // The import of a source folder, reused while no file in it changed (path, size, mtime):
  // the change page imports the published folder and the change's on every load.
  std::shared_ptr<const content::ImportResult> imported(const std::filesystem::path& dir);
  Console& console_;
  StaffStore& staff_;
  FlowOptions o_;
  std::unique_ptr<ChangeStore> changes_;
  std::mutex publish_mu_;  // one approval (build, sign, swap of the source folder) at a time
  std::mutex preview_mu_;  // one preview rendering at a time (the kiosk takes a core)
  std::mutex cache_mu_;
  std::map<std::string, std::pair<std::string, std::shared_ptr<const content::ImportResult>>> cache_;
};

}  // namespace bianmin::console
