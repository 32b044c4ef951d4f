// De-identification (去标识化) of personal data in fund publications, applied at publish
// time (never on a terminal), and the detector that refuses raw identifiers where they must
// not be. See shared/CONTENT.md.
//
// Promises:
//  - mask_id_number never shows the birth date (digits 7-14 of an 18-character number,
//    7-12 of a 15-digit one), whatever the options say: the kept head and tail are clamped.
//  - mask_bank_account shows at most the last 4 digits.
//  - mask_phone keeps at most the first 3 and last 4 digits of 11 (never the middle).
//  - mask_name keeps the first and (for 3+ characters) the last character: 张*华, 李*, 欧**娜.
//  - masked values never look like raw identifiers to find_raw_identifier.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace bianmin::content {

// How much of each number stays visible. Defaults hide the birth date and the middle of
// every number (3311**********1234, ***************1234).
struct MaskOptions {
  int id_keep_head = 4;       // region prefix digits kept (clamped to 6: never the birth date)
  int id_keep_tail = 4;       // last characters kept (clamped to 4 of 18, 3 of 15)
  int account_keep_tail = 4;  // last digits of a bank account kept (clamped to 4)
  int phone_keep_head = 3;    // mobile numbers, when a phone is ever shown (clamped to 3)
  int phone_keep_tail = 4;    // (clamped to 4)
};

// "432625196209050308" -> "4326**********0308". Spaces are dropped first; a value that is
// not 15 or 18 characters is masked whole but for its last id_keep_tail characters.
std::string mask_id_number(std::string_view id, const MaskOptions& options = {});

// "6236596410457500408" -> "***************0408" (spaces and dashes dropped first).
std::string mask_bank_account(std::string_view account, const MaskOptions& options = {});

// "18933791566" -> "189****1566".
std::string mask_phone(std::string_view phone, const MaskOptions& options = {});

// UTF-8 aware: "张三" -> "张*", "张三丰" -> "张*丰", "欧阳娜娜" -> "欧**娜", "王" -> "王".
// Surrounding spaces are trimmed.
std::string mask_name(std::string_view name);

// True when `s` is an 18-character ID number (17 digits and a digit or X) whose ISO 7064
// MOD 11-2 check digit is right, or a 15-digit legacy number.
bool looks_like_raw_id_number(std::string_view s);

// True when `digits` is 16-19 digits passing the Luhn check (a bank card number).
bool looks_like_bank_card(std::string_view digits);

// True when `digits` is a mainland mobile number: 11 digits starting with 13-19.
bool looks_like_mobile(std::string_view digits);

struct RawIdentifier {
  enum class Kind { IdNumber, BankCard, Mobile } kind;
  std::string text;  // the number as written
};

// Finds the first raw identifier inside free text: runs of digits (an ID number may end in
// X), also when written in groups separated by single spaces or dashes
// ("6222 0212 3456 7890 123", "138-1234-5678"). Landlines (0739-4826111), dates, amounts and
// item codes do not match. `mobiles` false skips mobile numbers (for fields that are phones).
std::optional<RawIdentifier> find_raw_identifier(std::string_view text, bool mobiles = true);

// Plain Chinese name of an identifier kind, for messages: 身份证号 / 银行卡号 / 手机号.
const char* label(RawIdentifier::Kind kind);

}  // namespace bianmin::content
