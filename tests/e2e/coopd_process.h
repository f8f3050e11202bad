// CoopdProcess: the built `coopd` binary run as a child process on an ephemeral port, for
// end-to-end and crash tests. Not thread-safe; one owner.
#ifndef COOPLEDGER_TESTS_E2E_COOPD_PROCESS_H_
#define COOPLEDGER_TESTS_E2E_COOPD_PROCESS_H_

#include <grpcpp/grpcpp.h>
#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace coop::testing {

class CoopdProcess {
 public:
  // Starts coopd on `data_dir`, listening on 127.0.0.1:0, and waits until it reports SERVING
  // on the health service (at most `timeout_ms`). Its stderr goes to log_path(), its stdout to
  // stdout_path(). `extra_env` ("NAME=VALUE" each) is added to the environment it inherits.
  absl::Status Start(const std::string& data_dir, const std::vector<std::string>& extra_args = {},
                     int timeout_ms = 20'000, const std::vector<std::string>& extra_env = {});
  ~CoopdProcess();  // kills the child if still running

  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  pid_t pid() const { return pid_; }

  // kill -9, then reap.
  void Kill();
  // Whether the child still runs; once it has exited (reaped here), exit_status() is its
  // waitpid status.
  bool Running();
  int exit_status() const { return exit_status_; }
  // Sends `signal` and waits for the exit; returns the exit code, or -1 if it did not exit
  // normally within `timeout_ms` (then it is killed).
  int SignalAndWait(int signal, int timeout_ms = 20'000);
  const std::string& log_path() const { return log_path_; }
  const std::string& stdout_path() const { return stdout_path_; }
  // Probe health over TLS, trusting `ca_pem` (for a coopd started with --tls_cert); call
  // before Start.
  void ProbeOverTls(std::string ca_pem) { probe_ca_pem_ = std::move(ca_pem); }

 private:
  std::shared_ptr<grpc::Channel> ProbeChannel() const;

  pid_t pid_ = -1;
  int port_ = 0;
  int exit_status_ = 0;
  std::string log_path_;
  std::string stdout_path_;
  std::string probe_ca_pem_;
};

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_E2E_COOPD_PROCESS_H_
