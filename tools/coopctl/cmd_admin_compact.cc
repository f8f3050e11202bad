// coopctl admin compact: coop.v1.Admin/CompactStores — the server compacts the event log's and
// the projection store's tables now, while appends and queries go on. It takes as long as the
// data needs: its deadline is at least 12 hours, whatever --timeout says.
#include "tools/coopctl/cmd_admin_compact.h"

#include <algorithm>
#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "coop/v1/admin.grpc.pb.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/text_table.h"
#include "tools/coopctl/usage_error.h"

namespace coop::coopctl {
namespace {

constexpr absl::Duration kLongWork = absl::Hours(12);

// "events" and "projections" in words, Vietnamese then English.
std::string StoreName(const std::string& store) {
  if (store == "events") return "sổ sự kiện / event log";
  if (store == "projections") return "phép chiếu / projections";
  return store;
}

}  // namespace

absl::StatusOr<int> RunAdminCompact(const Globals& globals, const ParsedArgs& args) {
  if (args.positionals().size() != 1) {
    return UsageError(ViEn("cần: coopctl admin compact", "expected: coopctl admin compact"));
  }
  std::cerr << "đang nén kho (ghi và đọc vẫn tiếp tục) / compacting the stores (appends and "
               "queries go on)…\n";
  auto stub = coop::v1::Admin::NewStub(NewChannel(globals));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + std::max(globals.timeout, kLongWork)));
  coop::v1::CompactStoresReply reply;
  const grpc::Status status = stub->CompactStores(&context, {}, &reply);
  if (!status.ok()) return ReportRpcError(status);
  if (globals.json) {
    std::cout << ToJsonLine(reply) << "\n";
    return kExitOk;
  }
  TextTable table;
  table.AddRow({"KHO", "HỌ CỘT", "TRƯỚC", "SAU", "THỜI GIAN"});
  table.AddRow({"STORE", "FAMILIES", "BEFORE", "AFTER", "TOOK"});
  for (const auto& store : reply.stores()) {
    table.AddRow({StoreName(store.store()), absl::StrCat(store.families()),
                  ByteSize(store.bytes_before()), ByteSize(store.bytes_after()),
                  absl::StrFormat("%.1f s", store.elapsed_micros() / 1e6)});
  }
  std::cout << table.Render() << "\n"
            << "đã nén xong / compacted: " << reply.stores_size() << " kho / stores\n";
  return kExitOk;
}

}  // namespace coop::coopctl
