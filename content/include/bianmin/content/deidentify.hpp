// De-identification (去标识化) of personal data in fund publications, applied at publish
// time (never on a terminal), and the detector that refuses raw identifiers where they must
// not be. See shared/CONTENT.md.
//
// Promises:
//  - mask_id_number never shows the birth date (digits 7-14 of an 18-character number,
//    7-12 of a 15-digit one), whatever the options say: the kept head and tail are clamped.
//  - mask_bank_account shows at most the last 4 digits.
//  - mask_phone keeps at most the first 3 and last 4 digits of 11 (never the middle).
//  - mask_name keeps the surname (one character, or a compound surname such as 欧阳) and, for
//    3+ characters, the last character: 张*华, 李*, 欧阳*珠.
//  - masked values never look like raw identifiers to find_raw_identifier.
//  - find_raw_identifier sees through the disguises input methods and spreadsheets produce:
//    fullwidth and other compatibility forms of digits (NFKC), separators (spaces, dashes,
//    dots, ideographic spaces, zero-width characters, a line break), and a +86 country code.
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

// NFKC where it matters to identifiers, on valid UTF-8: fullwidth ASCII (０-９, Ｘ, ＋, －, ．)
// and the other compatibility forms of digits (circled, mathematical, super- and subscript)
// become ASCII; ideographic and other Unicode spaces become ' ', Unicode dashes '-', middle
// dots '.'; zero-width characters are dropped. Everything else is left as it is.
std::string fold_identifier_text(std::string_view utf8);

// "432625196209050308" -> "4326**********0308". The value is folded (fold_identifier_text)
// and spaces are dropped first; a value that is
// not 15 or 18 characters is masked whole but for its last id_keep_tail characters.
std::string mask_id_number(std::string_view id, const MaskOptions& options = {});

// "6236596410457500408" -> "***************0408" (folded; spaces, dashes, dots dropped first).
std::string mask_bank_account(std::string_view account, const MaskOptions& options = {});

// "18933791566" -> "189****1566".
std::string mask_phone(std::string_view phone, const MaskOptions& options = {});

// UTF-8 aware: "张三" -> "张*", "张三丰" -> "张*丰", "欧阳明珠" -> "欧阳*珠", "欧阳娜" ->
// "欧阳*", "王" -> "王". Compound surnames (复姓) of 3+ character names stay whole. Surrounding
// spaces (Unicode ones too) are trimmed.
std::string mask_name(std::string_view name);

// True when `s` is an 18-character ID number (17 digits and a digit or X) whose ISO 7064
// MOD 11-2 check digit is right and whose birth date is a date, or a 15-digit legacy number
// (region, YYMMDD, sequence) whose birth date is a date (most 15-digit business registration
// numbers, 工商注册号, have no date there: 530100000012346).
bool looks_like_raw_id_number(std::string_view s);

// True when `digits` is 16-19 digits passing the Luhn check (a bank card number).
bool looks_like_bank_card(std::string_view digits);

// True when `digits` is a mainland mobile number: 11 digits starting with 13-19.
bool looks_like_mobile(std::string_view digits);

struct RawIdentifier {
  enum class Kind { IdNumber, BankCard, Mobile } kind;
  std::string text;  // the number as found (folded: ASCII digits)
};

// Finds the first raw identifier inside free text (folded first: fold_identifier_text): runs
// of digits (an ID number may end in X), also when written in groups separated by single
// spaces, dashes or dots ("6222 0212 3456 7890 123", "138-1234-5678", "6222.0212.3456.7894"),
// with a country code ("+86 138 1234 5678", "+8613812345678"), or split over two lines (two
// runs of 4+ digits joined by a line break). Landlines (0739-4826111), dates, amounts and
// item codes do not match, nor does a 15-digit business registration number whose MOD 11,10
// check digit is right when the text just before it names it (营业执照注册号 530129620905126).
// `mobiles` false skips mobile numbers (for fields that are phones).
std::optional<RawIdentifier> find_raw_identifier(std::string_view text, bool mobiles = true);

// Plain Chinese name of an identifier kind, for messages: 身份证号 / 银行卡号 / 手机号.
const char* label(RawIdentifier::Kind kind);

}  // namespace bianmin::content
