#include "tools/scale/scale_coop_programmes.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "domain/areas/unit_set.h"
#include "domain/programs/grant_aggregate.h"
#include "domain/programs/ocop_aggregate.h"
#include "domain/programs/ocop_checks.h"
#include "domain/programs/placement_aggregate.h"

namespace coop::scale {
namespace {

using absl::CivilDay;

constexpr const char* kProducts[] = {
    "Gạo thơm",     "Mật ong hoa tràm", "Tôm khô",        "Khô cá lóc",  "Chuối sấy",
    "Trà mãng cầu", "Nước mắm",         "Bánh phồng tôm", "Cà phê bột",  "Miến dong",
    "Nấm linh chi", "Bưởi da xanh",     "Chả cá",         "Tinh dầu sả", "Đông trùng hạ thảo"};
constexpr const char* kFields[] = {"agronomy",
                                   "aquaculture",
                                   "accounting",
                                   "economics",
                                   "veterinary medicine",
                                   "food technology",
                                   "business administration"};

struct GrantKind {
  coop::v1::SupportType type;
  const char* programme;
  int weight;
};
constexpr GrantKind kGrantKinds[] = {
    {coop::v1::SUPPORT_TRAINING, "Chương trình hỗ trợ phát triển KTTT", 14},
    {coop::v1::SUPPORT_COMMUNICATION, "Chương trình hỗ trợ phát triển KTTT", 5},
    {coop::v1::SUPPORT_CONSULTING, "Chương trình hỗ trợ phát triển KTTT", 5},
    {coop::v1::SUPPORT_LAND, "Chính sách đất đai", 2},
    {coop::v1::SUPPORT_TAX, "Chính sách thuế", 3},
    {coop::v1::SUPPORT_CREDIT, "Quỹ hỗ trợ phát triển HTX", 10},
    {coop::v1::SUPPORT_INSURANCE, "Chính sách bảo hiểm", 1},
    {coop::v1::SUPPORT_SCIENCE_TECHNOLOGY, "Chương trình chuyển đổi số", 10},
    {coop::v1::SUPPORT_PACKAGING_LABEL_TRADEMARK, "Chương trình OCOP", 12},
    {coop::v1::SUPPORT_TRADE_PROMOTION, "Chương trình xúc tiến thương mại", 10},
    {coop::v1::SUPPORT_INFRASTRUCTURE_EQUIPMENT, "Chương trình MTQG xây dựng nông thôn mới", 18},
    {coop::v1::SUPPORT_AUDIT, "Chương trình hỗ trợ phát triển KTTT", 2},
    {coop::v1::SUPPORT_AGRICULTURE, "Nghị định 98/2018/NĐ-CP", 8},
};

bool InForce(const coop::v1::Area& area, CivilDay day) {
  return area.unit_set() == domain::areas::UnitSetName(domain::areas::UnitSetInForceOn(day));
}

class Programmes {
 public:
  Programmes(HistoryWriter& writer, const CooperativeSummary& coop, int64_t index)
      : writer_(writer),
        coop_(coop),
        index_(index),
        dice_(writer.DiceFor("coop-programmes", index)) {}

  absl::Status Write() {
    const bool producer = coop_.sector == "agriculture" || coop_.sector == "aquaculture" ||
                          coop_.sector == "handicraft" || coop_.sector == "forestry";
    for (int year = std::max<int>(2016, coop_.registered.year()); year <= 2025; ++year) {
      if (producer && year >= 2018 && coop_.quality >= 55 && dice_.Chance(3.5)) {
        if (auto st = Ocop(year); !st.ok()) return st;
      }
      if (dice_.Chance(coop_.quality >= 60 ? 10 : 5)) {
        if (auto st = Grant(year); !st.ok()) return st;
      }
      if (dice_.Chance(0.5)) {
        if (auto st = Placement(year); !st.ok()) return st;
      }
    }
    return absl::OkStatus();
  }

 private:
  absl::Status Ocop(int year) {
    const CivilDay enrolled = dice_.DayBetween(CivilDay(year, 3, 1), CivilDay(year, 6, 30));
    if (!coop_.AliveOn(enrolled)) return absl::OkStatus();
    const std::string id = writer_.Id(absl::StrCat("ocop/", coop_.id, "/", year));
    StreamRecorder<domain::OcopAggregate> product(writer_.context(),
                                                  domain::OcopAggregate::StreamId(id));
    coop::v1::OcopEvent enrol;
    auto* e = enrol.mutable_enrolled();
    e->set_product_id(id);
    e->set_cooperative_id(coop_.id);
    e->set_product_name(kProducts[dice_.Index(std::size(kProducts))]);
    e->set_year(year);
    if (auto st = product.Record(enrolled, enrol); !st.ok()) return st.status();
    CivilDay rated_on = dice_.DayBetween(CivilDay(year, 8, 1), CivilDay(year, 11, 30));
    double base = static_cast<double>(dice_.Between(420, 930)) / 10.0;
    for (int round = 0; round < 3 && rated_on <= kLastDay; ++round) {
      const double score = std::clamp(base, 0.0, 100.0);
      coop::v1::OcopEvent rate;
      auto* r = rate.mutable_rated();
      r->set_score(score);
      r->set_stars(domain::OcopStarsOfScore(score));
      r->set_level(r->stars() == 5                          ? coop::v1::OCOP_LEVEL_CENTRAL
                   : rated_on < kReform && dice_.Chance(70) ? coop::v1::OCOP_LEVEL_DISTRICT
                                                            : coop::v1::OCOP_LEVEL_PROVINCE);
      r->set_decision(absl::StrCat(dice_.Between(100, 3999), "/QĐ-UBND"));
      if (auto st = product.Record(rated_on, rate); !st.ok()) return st.status();
      if (r->stars() == 0) break;
      const CivilDay expires = domain::OcopExpiryOf(rated_on);
      if (dice_.Chance(45)) {
        // Re-rated shortly before the recognition lapses.
        rated_on = expires - dice_.Between(10, 90);
        base += static_cast<double>(dice_.Between(-40, 80)) / 10.0;
        continue;
      }
      const CivilDay expired_on = expires + dice_.Between(0, 45);
      if (expired_on <= kLastDay) {
        coop::v1::OcopEvent expire;
        expire.mutable_expired();
        if (auto st = product.Record(expired_on, expire); !st.ok()) return st.status();
      }
      break;
    }
    return writer_.Emit(product);
  }

  absl::Status Grant(int year) {
    const CivilDay day = dice_.DayBetween(CivilDay(year, 2, 1), CivilDay(year, 12, 15));
    if (!coop_.AliveOn(day) || day > kLastDay) return absl::OkStatus();
    int total = 0;
    for (const auto& k : kGrantKinds) total += k.weight;
    int pick = static_cast<int>(dice_.Between(1, total));
    const GrantKind* kind = kGrantKinds;
    while (pick > kind->weight) pick -= (kind++)->weight;
    const std::string id = writer_.Id(absl::StrCat("grant/", coop_.id, "/", year));
    StreamRecorder<domain::GrantAggregate> grant(writer_.context(),
                                                 domain::GrantAggregate::StreamId(id));
    coop::v1::GrantEvent fact;
    auto* g = fact.mutable_granted();
    g->set_grant_id(id);
    g->set_type(kind->type);
    g->set_programme(kind->programme);
    if (kind->type == coop::v1::SUPPORT_TRAINING || dice_.Chance(80)) {
      g->set_amount_vnd(dice_.Between(10, 2000) * 1'000'000);
    } else {
      g->set_in_kind(kind->type == coop::v1::SUPPORT_INFRASTRUCTURE_EQUIPMENT ? "Máy sấy lúa"
                                                                              : "Tài liệu, tư vấn");
    }
    const int64_t source = dice_.Between(1, 100);
    g->set_funding_source(
        source <= 30   ? coop::v1::FUNDING_CENTRAL
        : source <= 75 ? coop::v1::FUNDING_PROVINCIAL
        : source <= 90 ? (day < kReform ? coop::v1::FUNDING_DISTRICT : coop::v1::FUNDING_COMMUNE)
        : source <= 95 ? coop::v1::FUNDING_COMMUNE
                       : coop::v1::FUNDING_OTHER);
    g->set_decision(absl::StrCat(dice_.Between(10, 4999), "/QĐ-UBND"));
    g->set_cooperative_id(coop_.id);
    // The recipient's address on the day, when it is in the unit set of the day.
    const coop::v1::Area& address = coop_.AddressOn(day);
    if (InForce(address, day)) *g->mutable_area() = address;
    if (auto st = grant.Record(day, fact); !st.ok()) return st.status();
    return writer_.Emit(grant);
  }

  absl::Status Placement(int year) {
    const CivilDay start = dice_.DayBetween(CivilDay(year, 1, 5), CivilDay(year, 11, 30));
    if (!coop_.AliveOn(start) || start > kLastDay) return absl::OkStatus();
    const std::string id = writer_.Id(absl::StrCat("placement/", coop_.id, "/", year));
    StreamRecorder<domain::PlacementAggregate> placement(writer_.context(),
                                                         domain::PlacementAggregate::StreamId(id));
    coop::v1::PlacementEvent placed;
    auto* p = placed.mutable_placed();
    p->set_placement_id(id);
    p->set_person_ref(
        absl::StrCat("grad-", writer_.Id(absl::StrCat("graduate/", coop_.id, "/", year))));
    p->set_degree(dice_.Chance(75) ? coop::v1::DEGREE_UNIVERSITY : coop::v1::DEGREE_COLLEGE);
    p->set_field(kFields[dice_.Index(std::size(kFields))]);
    p->set_cooperative_id(coop_.id);
    const int term = dice_.Chance(50) ? 36 : 24;
    p->set_planned_term_months(term);
    if (auto st = placement.Record(start, placed); !st.ok()) return st.status();
    const bool resigned = dice_.Chance(15);
    CivilDay ended = resigned ? start + dice_.Between(60, 400) : domain::AddMonths(start, term);
    ended = std::min(ended, coop_.ends);
    if (ended <= kLastDay && ended > start) {
      coop::v1::PlacementEvent end;
      end.mutable_ended()->set_reason(resigned              ? "resigned"
                                      : ended == coop_.ends ? "cooperative dissolving"
                                                            : "term completed");
      if (auto st = placement.Record(ended, end); !st.ok()) return st.status();
    }
    return writer_.Emit(placement);
  }

  HistoryWriter& writer_;
  const CooperativeSummary& coop_;
  const int64_t index_;
  Dice dice_;
};

}  // namespace

absl::Status WriteCooperativeProgrammes(HistoryWriter& writer, const CooperativeSummary& coop,
                                        int64_t index) {
  return Programmes(writer, coop, index).Write();
}

}  // namespace coop::scale
