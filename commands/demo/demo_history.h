// The demo history: a deterministic, invented but plausible record of one province — Cà Mau
// (province 96), all its districts and communes from the reference data — over fixed dates
// from 2015-01-01 to 2026-06-30. It is a list of commands for the server's own services, not
// a gRPC client: `coopd --demo` applies it through the normal command path into an empty
// data folder. Pure; thread-safe.
#ifndef COOPLEDGER_COMMANDS_DEMO_DEMO_HISTORY_H_
#define COOPLEDGER_COMMANDS_DEMO_DEMO_HISTORY_H_

#include <string>
#include <vector>

namespace coop::demo {

struct DemoCommand {
  std::string method;       // full gRPC method, e.g. "/coop.v1.Registry/RegisterCooperative"
  std::string aggregate;    // commands of one aggregate must be applied in list order
  std::string occurred_on;  // YYYY-MM-DD, for progress and ordering
  std::string request;      // the serialized request message
  // Aggregates whose commands listed before this one must be applied first: the records it
  // names (domain/links), e.g. the cooperative a grant goes to.
  std::vector<std::string> after;
};

// The same list every time: same ids, same command ids (so applying it twice changes
// nothing), same dates.
std::vector<DemoCommand> CaMauDemoHistory();

}  // namespace coop::demo

#endif  // COOPLEDGER_COMMANDS_DEMO_DEMO_HISTORY_H_
