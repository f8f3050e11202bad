// The human-readable text of the reporting views for `coopctl show` and `coopctl list`:
// cooperatives, groups (THT) and community halls (hội quán). Pure; thread-safe.
#ifndef COOPLEDGER_TOOLS_COOPCTL_VIEW_TEXT_H_
#define COOPLEDGER_TOOLS_COOPCTL_VIEW_TEXT_H_

#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "coop/v1/reporting.pb.h"
#include "tools/coopctl/cli_words.h"

namespace coop::coopctl {

// One line per field that is set, in field order: the field name in words, then its value
// (areas as "32059 (2025-03)", enums in words, nested messages inline, *_vnd amounts with
// digits grouped the language's way); a repeated field has one line per item.
std::string FormatView(const google::protobuf::Message& view, Language language);

// One aligned line per row (id, code, status, address, name for cooperatives; id, status,
// address, members, name for groups and halls).
std::string FormatCooperativeList(const std::vector<coop::v1::CooperativeView>& views,
                                  Language language);
std::string FormatGroupList(const std::vector<coop::v1::GroupView>& views, Language language);
std::string FormatHallList(const std::vector<coop::v1::HallView>& views, Language language);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_VIEW_TEXT_H_
