// A small but complete ContentSet built in code, for tests of every part (library
// bianmin_test_fixtures). Every field of every kind holds a non-default value somewhere, so a
// round trip that drops a field is caught.
//
// What it holds (ids to use in assertions):
//  - site 青石镇 (云溪县), villages "qingshi" (groups g01, g02) and "shangba" (g01, g02, g03);
//  - departments "shebao", "minzheng", "nongye"; topics; life events "xinshenger", "yanglao";
//    catalogue nodes "zwfw", "zwfw/bszn", "czzj", "czzj/hmzj", "zcwj";
//  - 5 guides (codes kFixtureGuideCodes), 3 cards (2 derived from guides, 1 standalone);
//  - funds: "gengdi-2026" (household, 12 rows in both villages, publicity current on
//    kFixtureToday), "dibao-2025" (household, 3 rows, archived) and "yishiyiyi-2026"
//    (project, 3 projects);
//  - policies "yanglao-2024" (in force), "dibao-2023" (amended), "gengdi-2017" (abolished),
//    each with Q&A;
//  - notices: "yimiao" (current on kFixtureToday), "tingdian" (past), "xinnian" (future).
#pragma once
#include <array>

#include "bianmin/content/model.hpp"

namespace bianmin::test {

inline constexpr const char* kFixtureToday = "2026-11-12";
inline constexpr std::array<const char*, 5> kFixtureGuideCodes = {
    "62052400MZ-GG-0003", "62052400MZ-JF-0002", "62052400NY-JF-0001", "62052400SB-GG-0001", "62052400SB-JF-0002"};

content::ContentSet fixture_content();

}  // namespace bianmin::test
