// How a call that waits (for the views to hold a position, or for a worker) ends when it gives
// up, in one place: the server beginning to shut down is UNAVAILABLE (retry, once it serves
// again or on another server), the call being cancelled or expiring is CANCELLED (the caller
// gave up; nothing to retry). Messages in Vietnamese, then English.
//
// Pure; thread-safe.
#ifndef COOPLEDGER_SERVICES_VIEW_WAIT_H_
#define COOPLEDGER_SERVICES_VIEW_WAIT_H_

#include <grpcpp/server_context.h>

#include <atomic>
#include <functional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace coop::services {

// The message of every UNAVAILABLE a call gets because the server is shutting down.
inline constexpr char kServerStoppingMessage[] = "máy chủ đang dừng / the server is shutting down";

// UNAVAILABLE: the server is shutting down; `detail` (English, may be empty) says what ended.
absl::Status ServerStoppingError(absl::string_view detail = "");

// A wait's give-up test: true once `stopping` (may be null) is set or `call` (may be null) is
// cancelled or past its deadline.
std::function<bool()> GiveUpWhen(const std::atomic<bool>* stopping,
                                 const grpc::CallbackServerContext* call);

// A wait's status as the call returns it: CANCELLED because the server is stopping becomes
// ServerStoppingError naming `what` waited ("the query", "the scope check"); CANCELLED
// otherwise says the call was cancelled or expired while `what` waited; anything else is
// returned as is.
absl::Status WaitOutcome(const absl::Status& status, const std::atomic<bool>* stopping,
                         absl::string_view what);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_VIEW_WAIT_H_
