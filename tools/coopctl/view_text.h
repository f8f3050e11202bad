// The human-readable text of the reporting views for `coopctl show` and `coopctl list`:
// cooperatives, groups (THT) and community halls (hội quán). Pure; thread-safe.
#ifndef COOPLEDGER_TOOLS_COOPCTL_VIEW_TEXT_H_
#define COOPLEDGER_TOOLS_COOPCTL_VIEW_TEXT_H_

#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "coop/v1/reporting.pb.h"

namespace coop::coopctl {

// One line per field that is set, in field order: the field name in words, then its value
// (areas as "32059 (2025-03)", enums in words, nested messages inline, *_vnd amounts with
// thousands separators); a repeated field has one line per item.
std::string FormatView(const google::protobuf::Message& view);

// One aligned line per row (id, code, status, address, name for cooperatives; id, status,
// address, members, name for groups and halls).
std::string FormatCooperativeList(const std::vector<coop::v1::CooperativeView>& views);
std::string FormatGroupList(const std::vector<coop::v1::GroupView>& views);
std::string FormatHallList(const std::vector<coop::v1::HallView>& views);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_VIEW_TEXT_H_
