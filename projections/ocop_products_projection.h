// OcopProductsProjection ("ocop_products", version 1): every OCOP product with its rating
// history, one row per product id, for "which products are recognised on a date".
//
// Rows:
//   "p/" + product_id -> coop.v1.OcopProductRow: the product as enrolled with its latest
//                        rating, every effective rating in stream order, and the dates of
//                        effective expiry events
//   "s/" + product_id -> coop.v1.CooperativeRegistryStream: the product stream's events so
//                        far (corrections included, hashes stripped)
// Every event of an `ocop-` stream re-folds the stream's effective events, so corrections
// are honoured and a rebuild gives the same rows. A product's area is its cooperative's
// address, which lives in the cooperative_registry projection: the query
// (services/reporting_views.cc) reads it there, so an address change needs no rewrite here.
//
// Thread-safety: as Projection (one runner at a time); the static functions are pure.
#ifndef COOPLEDGER_PROJECTIONS_OCOP_PRODUCTS_PROJECTION_H_
#define COOPLEDGER_PROJECTIONS_OCOP_PRODUCTS_PROJECTION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "coop/v1/reporting.pb.h"
#include "projections/projection.h"

namespace coop::projections {

class OcopProductsProjection final : public Projection {
 public:
  static constexpr const char* kName = "ocop_products";
  static std::string RowKey(const std::string& product_id) { return "p/" + product_id; }
  static std::string StreamKey(const std::string& product_id) { return "s/" + product_id; }
  static constexpr const char* kRowPrefix = "p/";
  static constexpr const char* kRowEnd = "p0";  // '0' follows '/'

  std::string name() const override { return kName; }
  uint32_t version() const override { return 1; }
  absl::Status Apply(const coop::v1::RecordedEvent& event, ProjectionWriter& writer) override;

  // Folds a product stream (corrections included). product.product_id is empty if nothing
  // counts (not enrolled).
  static coop::v1::OcopProductRow Fold(const std::string& product_id,
                                       const std::vector<coop::v1::RecordedEvent>& stream);

  // The product as recognised on `day`, or nullopt. The rating standing on `day` is the latest
  // one decided on or before it (by decision date; ties: the later in the stream); it
  // recognises the product if it scored at least 50 points (3 stars or more), `day` is before
  // its expiry (decision date + 36 months) and no expiry was recorded between its decision
  // date and `day`.
  static std::optional<coop::v1::OcopProductView> RecognisedOn(const coop::v1::OcopProductRow& row,
                                                               absl::CivilDay day);
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_OCOP_PRODUCTS_PROJECTION_H_
