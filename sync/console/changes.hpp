// A change (修改) to the hall's published content, as a 经办 prepares it in the console and a
// 审核 approves it (issue 17): the store of changes and the rules of who may do what.
//
// The hall's content lives in one source folder (the format `bianmin-publish build` reads,
// content/FORMAT.md), kept in the hub's state: the console and the command line read the same
// files. A change is a full copy of that folder (<changes_dir>/<id>/src, small: YAML and CSV)
// that the clerk edits; approval publishes it and makes it the new source folder.
//
// Promises:
//  - States: 编写中 (editing) → 待审核 (submitted) → 已发布 (published), or back from 待审核 to
//    已退回 (returned, with the approver's comment; the clerk edits it again and resubmits), or
//    已撤销 (withdrawn by a clerk before approval).
//  - may(): only a 经办 edits, submits or withdraws; only a 审核 approves or sends back, never
//    a change they prepared themselves (the author is checked by account, whatever its role
//    now); nothing happens to a published or withdrawn change. Messages are plain Chinese.
//  - Column mappings of fund spreadsheets are remembered per fund kind (table sheet_mappings).
//  - Times are unix seconds from the caller; nothing throws.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bianmin/base/result.hpp"
#include "console_db.hpp"
#include "staff_store.hpp"

namespace bianmin::console {

enum class ChangeState { Editing, Submitted, Returned, Published, Withdrawn };
const char* state_word(ChangeState s);   // "editing", … (stored)
const char* state_label(ChangeState s);  // "编写中", …  (shown)

struct Change {
  int64_t id = 0;
  std::string title;
  std::string author, author_name;  // the 经办 who started it
  ChangeState state = ChangeState::Editing;
  int64_t created_at = 0, updated_at = 0;
  std::string base_digest;                       // the source folder's digest when the change was copied from it
  std::string reviewer, reviewer_name, comment;  // the 审核's decision
  int64_t version = 0;                           // the channel version it became (published)
};

enum class Action { Edit, Submit, Withdraw, Approve, Return };
// Whether `who` may do `what` to `c` now; the error says why not (for the page).
Status may(Action what, const Change& c, const Staff& who);

class ChangeStore {
 public:
  // Tables at `place` (hub.db or the county's PostgreSQL, console_db.hpp); the changes'
  // folders under `dir`, on the hub's own disk.
  static Result<std::unique_ptr<ChangeStore>> open(const DbPlace& place, const std::filesystem::path& dir);
  ~ChangeStore();

  // A new change copied from the source folder `src` (whose digest is `digest`).
  Result<Change> create(const std::string& title, const Staff& author, const std::filesystem::path& src,
                        const std::string& digest, int64_t now);
  std::optional<Change> get(int64_t id);
  std::vector<Change> list(int limit = 200);     // newest first
  std::filesystem::path src(int64_t id) const;   // the change's copy of the source folder
  std::filesystem::path work(int64_t id) const;  // its scratch space (previews, builds)

  // Records a state change (and the reviewer's name and comment when given).
  Status set_state(int64_t id, ChangeState s, const Staff* reviewer, const std::string& comment, int64_t version,
                   int64_t now);
  Status touch(int64_t id, int64_t now);

  // The remembered column mapping of a fund kind ("household"/"project"), as mapping text.
  std::optional<std::string> mapping(const std::string& kind);
  Status set_mapping(const std::string& kind, const std::string& text, const std::string& by, int64_t now);

 private:
  ChangeStore(std::unique_ptr<ConsoleDb> db, std::filesystem::path dir) : db_(std::move(db)), dir_(std::move(dir)) {}
  std::unique_ptr<ConsoleDb> db_;
  std::filesystem::path dir_;
  std::mutex mu_;
};

// Copies the folder `from` to `to` (which must not exist) through `to`.tmp and a rename.
Status copy_folder(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace bianmin::console
