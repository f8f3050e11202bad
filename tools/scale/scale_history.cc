#include "tools/scale/scale_history.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "commands/code_reservation.h"
#include "commands/event_envelope.h"
#include "coop/v1/cooperative_events.pb.h"
#include "domain/areas/area_rules.h"
#include "domain/common/dates.h"
#include "tools/scale/scale_writer.h"

namespace coop::scale {
namespace {

int64_t Scaled(double figure, double scale) {
  return std::max<int64_t>(1, std::llround(figure * scale));
}

}  // namespace

ScaleFigures FiguresAt(double scale) {
  ScaleFigures f;
  f.cooperatives = Scaled(33'660, scale);
  f.unions = Scaled(340, scale);
  f.groups = Scaled(71'000, scale);
  f.halls = Scaled(3'000, scale);
  f.districts = std::min<int64_t>(Scaled(691, scale), 691);
  f.provinces = std::min<int64_t>(Scaled(34, scale), 34);
  return f;
}

HistoryWriter::HistoryWriter(const ScaleOptions& options, commands::StreamSink* sink)
    : sink_(sink), areas_(ScaleAreas::Get()) {
  context_.seed = options.seed;
  context_.roster = &roster_;
  context_.decision.today = kLastDay;
  context_.decision.check_area = [](const std::string& field, const coop::v1::Area& area,
                                    absl::CivilDay on) {
    return domain::areas::ValidateArea(field, area.code(), area.unit_set(), on);
  };
  context_.metadata.set_actor("coop-scale-gen");
  context_.metadata.set_agency("synthetic national history");
  context_.metadata.set_client("coop-scale-gen");
}

absl::Status HistoryWriter::Emit(coop::v1::StreamAppend stream) {
  if (stream.events().empty()) return absl::OkStatus();
  ++stats_.streams;
  stats_.events += static_cast<uint64_t>(stream.events_size());
  for (const auto& e : stream.events()) ++stats_.events_by_type[e.type()];
  return sink_->Add(std::move(stream));
}

coop::v1::StreamAppend HistoryWriter::CodeReservation(const std::string& command_id,
                                                      const std::string& cooperative_id,
                                                      const std::string& code, absl::CivilDay day,
                                                      int index) const {
  coop::v1::StreamAppend append = commands::CodeReservation(cooperative_id, code);
  const commands::CommandStamp stamp{command_id, domain::FormatDate(day), context_.metadata,
                                     /*command_digest=*/""};
  commands::StampEvent(stamp, coop::v1::Area(), index, append.mutable_events(0));
  return append;
}

absl::StatusOr<GenerationStats> GenerateHistory(const ScaleOptions& options,
                                                commands::StreamSink& sink,
                                                const ProgressFn& progress) {
  const ScaleFigures figures = FiguresAt(options.scale);
  HistoryWriter writer(options, &sink);
  Progress p;
  p.entities_total = figures.total();
  auto step = [&](const absl::Status& st) {
    if (!st.ok()) return st;
    ++p.entities_done;
    p.events_generated = writer.stats().events;
    if (progress) progress(p);
    return absl::OkStatus();
  };
  // Interleaved, so that every kind is spread over the whole log.
  const int64_t rounds = std::max({figures.cooperatives, figures.groups});
  const auto& districts = writer.areas().districts_2025_03();
  const auto& provinces = writer.areas().provinces_2025_07();
  for (int64_t i = 0; i < rounds; ++i) {
    if (i < figures.cooperatives) {
      if (auto st = step(WriteCooperative(writer, i, false)); !st.ok()) return st;
    }
    if (i < figures.groups) {
      if (auto st = step(WriteGroup(writer, i)); !st.ok()) return st;
    }
    // The rarer kinds at an even pace.
    auto due = [&](int64_t count) {
      return count > 0 && (i * count) / rounds != ((i + 1) * count) / rounds;
    };
    if (due(figures.unions)) {
      if (auto st = step(WriteCooperative(writer, (i * figures.unions) / rounds, true)); !st.ok()) {
        return st;
      }
    }
    if (due(figures.halls)) {
      if (auto st = step(WriteHall(writer, (i * figures.halls) / rounds)); !st.ok()) return st;
    }
    if (due(figures.districts)) {
      const int64_t d = (i * figures.districts) / rounds;
      // Spread over the country: every k-th district when the scale is small.
      const size_t at =
          static_cast<size_t>(d * static_cast<int64_t>(districts.size()) / figures.districts);
      if (auto st = step(WriteDistrictProgrammes(writer, districts[at], d)); !st.ok()) return st;
    }
    if (due(figures.provinces)) {
      const int64_t d = (i * figures.provinces) / rounds;
      const size_t at =
          static_cast<size_t>(d * static_cast<int64_t>(provinces.size()) / figures.provinces);
      if (auto st = step(WriteProvincePlan(writer, provinces[at], d)); !st.ok()) return st;
    }
  }
  if (auto st = sink.Finish(); !st.ok()) return st;
  return writer.stats();
}

}  // namespace coop::scale
