// Fuzz target 2: stored event payloads, decoded as the command path and the projections
// decode them.
//
// Input: an event list (fuzz/event_list.h), made into the log the store would hold
// (StoredLog): its types, payloads, business dates, areas and stream ids are free, corrections
// (coop.v1.EventVoided / EventAmended) among them.
//   1. Every stream of the log, for every aggregate, is folded with commands::FoldStream —
//      the corrections applied, each payload decoded by the aggregate's
//      domain::CodecFor<Union>(), folded with its Evolve — as CommandExecutor::Load does before
//      every command. Each decoded event must come back unchanged through the codec's
//      Encode and Decode (the log's envelope).
//   2. The whole log goes through every projection coopd runs, in memory (MemoryRows): once as
//      one page, and once split into two pages, the second one by a restarted runner (a new
//      projection object over the same rows) or by the same one (its cached rows kept); the
//      input's first byte picks where and which. The rows must be the same: a runner may
//      commit after any event, and a rebuild must give the same rows (projections/projection.h).
//      A projection may refuse an event (an error stops its runner); then the rows are not
//      compared.
// A crash, a sanitizer report or a broken property aborts.
#include <google/protobuf/util/message_differencer.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "commands/command_decision.h"
#include "coop/v1/event.pb.h"
#include "domain/common/event_union_codec.h"
#include "fuzz/aggregates.h"
#include "fuzz/event_list.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/memory_rows.h"
#include "fuzz/quiet_protobuf.h"
#include "projections/cooperative_registry_projection.h"
#include "projections/group_registry_projection.h"
#include "projections/hall_registry_projection.h"
#include "projections/ocop_products_projection.h"
#include "projections/person_links_projection.h"
#include "projections/statistics/annual_statistics_projection.h"

namespace coop::fuzz {
namespace {

using Log = std::vector<coop::v1::RecordedEvent>;

// Each decoded event of the aggregate survives the codec's round trip through the envelope.
template <typename Aggregate>
void CheckCodecRoundTrip(const Log& stream) {
  const domain::EventUnionCodec& codec = domain::CodecFor<typename Aggregate::Event>();
  for (const auto& recorded : stream) {
    typename Aggregate::Event event;
    if (!codec.Decode(recorded, &event)) continue;
    coop::v1::ProposedEvent proposed;
    codec.Encode(event, &proposed);
    COOP_FUZZ_CHECK(proposed.type() == recorded.type(), "the codec keeps the event type");
    coop::v1::RecordedEvent again = recorded;
    again.set_payload(proposed.payload());
    typename Aggregate::Event decoded;
    COOP_FUZZ_CHECK(codec.Decode(again, &decoded), "an encoded event decodes");
    COOP_FUZZ_CHECK(google::protobuf::util::MessageDifferencer::Equals(event, decoded),
                    "an event comes back unchanged through the codec");
  }
}

void FoldEveryStream(const Log& log) {
  std::map<std::string, Log> streams;
  for (const auto& event : log) streams[event.stream_id()].push_back(event);
  for (const auto& entry : streams) {
    const Log& stream = entry.second;
    ForEachAggregate([&stream](auto aggregate) {
      using Aggregate = typename decltype(aggregate)::type;
      CheckCodecRoundTrip<Aggregate>(stream);
      (void)commands::FoldStream<Aggregate>(stream);
    });
  }
}

// Every projection the server runs (services/server.cc), new.
std::vector<std::unique_ptr<projections::Projection>> NewProjections() {
  std::vector<std::unique_ptr<projections::Projection>> all;
  all.push_back(std::make_unique<projections::CooperativeRegistryProjection>());
  all.push_back(std::make_unique<projections::GroupRegistryProjection>());
  all.push_back(std::make_unique<projections::HallRegistryProjection>());
  all.push_back(std::make_unique<projections::OcopProductsProjection>());
  all.push_back(std::make_unique<projections::PersonLinksProjection>());
  all.push_back(std::make_unique<projections::statistics::AnnualStatisticsProjection>());
  return all;
}

// Applies log[from, to) as one page, as a runner does; false if the projection refused an
// event (its runner would stop there).
bool ApplyPage(projections::Projection& projection, const Log& log, size_t from, size_t to,
               MemoryRows& rows) {
  if (from >= to) return true;
  projection.BeginPage(log[from].position());
  for (size_t i = from; i < to; ++i) {
    if (!projection.Apply(log[i], rows).ok()) return false;
  }
  return projection.FinishPage(rows, log[to - 1].position()).ok();
}

void ProjectInPages(const Log& log, uint8_t choice) {
  if (log.empty()) return;
  const size_t split = choice % (log.size() + 1);
  const bool restart = (choice & 0x80) != 0;
  auto whole = NewProjections();
  auto paged = NewProjections();
  auto restarted = NewProjections();
  for (size_t p = 0; p < whole.size(); ++p) {
    MemoryRows one_page, two_pages;
    const bool applied = ApplyPage(*whole[p], log, 0, log.size(), one_page);
    bool paged_applied = ApplyPage(*paged[p], log, 0, split, two_pages);
    auto& second = restart ? *restarted[p] : *paged[p];
    paged_applied = paged_applied && ApplyPage(second, log, split, log.size(), two_pages);
    COOP_FUZZ_CHECK(applied == paged_applied,
                    "a projection refuses the same logs whatever its pages");
    if (applied) {
      COOP_FUZZ_CHECK(one_page.rows() == two_pages.rows(),
                      "a projection's rows do not depend on where its pages end");
    }
  }
}

int TestOneInput(const uint8_t* data, size_t size) {
  QuietProtobuf();
  if (size == 0) return 0;
  const Log log = StoredLog(ParseEventList(data + 1, size - 1));
  FoldEveryStream(log);
  ProjectInPages(log, data[0]);
  return 0;
}

}  // namespace
}  // namespace coop::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return coop::fuzz::TestOneInput(data, size);
}
