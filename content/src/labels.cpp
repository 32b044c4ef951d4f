// Labels shown on screen for enum values: from the one table per enum (enums.hpp).
#include "bianmin/content/enums.hpp"

namespace bianmin::content {

const char* label(VillageHandling v) { return enum_entry(v).label; }
const char* label(PolicyStatus s) { return enum_entry(s).label; }
const char* label(FundKind k) { return enum_entry(k).label; }
const char* label(CardMoney m) { return enum_entry(m).label; }

}  // namespace bianmin::content
