// gRPC helpers for tests: a health probe (grpc.health.v1.Health/Check over the generic stub,
// so no health stub needs generating) and a channel factory. Thread-safe.
#ifndef COOPLEDGER_TESTS_SUPPORT_GRPC_TEST_SUPPORT_H_
#define COOPLEDGER_TESTS_SUPPORT_GRPC_TEST_SUPPORT_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace coop::testing {

enum class Health { kUnknown = 0, kServing = 1, kNotServing = 2 };

// Asks the server's health service about the whole server ("" service name).
absl::StatusOr<Health> CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                                   int timeout_ms = 1000);

// An insecure channel with generous message limits.
std::shared_ptr<grpc::Channel> TestChannel(const std::string& address);

// A TLS channel to a server whose certificate names "localhost", trusting `ca_pem`, with a
// client certificate (PEM chain and key) if `client_cert_pem` is not empty.
std::shared_ptr<grpc::Channel> TlsTestChannel(const std::string& address, const std::string& ca_pem,
                                              const std::string& client_cert_pem = "",
                                              const std::string& client_key_pem = "");

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_SUPPORT_GRPC_TEST_SUPPORT_H_
