#include "bianmin/content/model.hpp"

namespace bianmin::content {

const char* label(VillageHandling v) {
  switch (v) {
    case VillageHandling::None: return "仅镇级办理";
    case VillageHandling::Direct: return "村级直办";
    case VillageHandling::Proxy: return "村代办";
    case VillageHandling::Assist: return "村协办";
    case VillageHandling::InformOnly: return "村级公开告知";
  }
  return "";
}

const char* label(PolicyStatus s) {
  switch (s) {
    case PolicyStatus::InForce: return "现行有效";
    case PolicyStatus::Abolished: return "已废止";
    case PolicyStatus::Amended: return "已修改";
  }
  return "";
}

const char* label(FundKind k) {
  switch (k) {
    case FundKind::Household: return "按户发放";
    case FundKind::Project: return "项目公示";
  }
  return "";
}

}  // namespace bianmin::content
