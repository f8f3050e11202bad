// The annual statistics as a test reads them: Reporting.GetAnnualStatistics over a real
// server, answered as figure name → value. Header-only test support.
#ifndef COOPLEDGER_TESTS_SERVICES_ANNUAL_FIGURES_H_
#define COOPLEDGER_TESTS_SERVICES_ANNUAL_FIGURES_H_

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "coop/v1/reporting.grpc.pb.h"

namespace coop::testing {

// The figures of `request`; a failed call fails the test and gives no figures.
inline std::map<std::string, int64_t> AnnualFigures(
    coop::v1::Reporting::Stub* reporting, const coop::v1::AnnualStatisticsRequest& request) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  coop::v1::AnnualStatisticsReply reply;
  const grpc::Status status = reporting->GetAnnualStatistics(&context, request, &reply);
  EXPECT_TRUE(status.ok()) << status.error_message();
  std::map<std::string, int64_t> figures;
  for (const auto& figure : reply.figures()) figures[figure.name()] = figure.value();
  return figures;
}

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_SERVICES_ANNUAL_FIGURES_H_
