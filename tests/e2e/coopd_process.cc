#include "tests/e2e/coopd_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/support/grpc_test_support.h"

extern char** environ;

namespace coop::testing {

absl::Status CoopdProcess::Start(const std::string& data_dir,
                                 const std::vector<std::string>& extra_args, int timeout_ms,
                                 const std::vector<std::string>& extra_env) {
  const std::string port_file = data_dir + ".port";
  log_path_ = data_dir + ".log";
  stdout_path_ = data_dir + ".out";
  std::filesystem::remove(port_file);
  std::vector<std::string> args = {COOPD_PATH,    "--data_dir",  data_dir, "--listen",
                                   "127.0.0.1:0", "--port_file", port_file};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path_.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_path_.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  // The added variables first, and none of the inherited ones they name.
  std::vector<std::string> added = extra_env;
  std::vector<char*> envp;
  for (auto& e : added) envp.push_back(e.data());
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view inherited(*e);
    bool overridden = false;
    for (const auto& a : added) {
      const size_t equals = a.find('=');
      overridden = overridden || (equals != std::string::npos &&
                                  inherited.starts_with(std::string_view(a).substr(0, equals + 1)));
    }
    if (!overridden) envp.push_back(*e);
  }
  envp.push_back(nullptr);
  int rc = posix_spawn(&pid_, COOPD_PATH, &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return absl::InternalError(absl::StrCat("posix_spawn coopd: ", rc));

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!Running()) {
      return absl::InternalError(absl::StrCat("coopd exited during start; see ", log_path_));
    }
    std::ifstream in(port_file);
    if (in >> port_ && port_ > 0) {
      auto health = CheckHealth(ProbeChannel(), 500);
      if (health.ok() && *health == Health::kServing) return absl::OkStatus();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  Kill();
  return absl::DeadlineExceededError(absl::StrCat("coopd did not serve in time; see ", log_path_));
}

CoopdProcess::~CoopdProcess() { Kill(); }

std::shared_ptr<grpc::Channel> CoopdProcess::ProbeChannel() const {
  return probe_ca_pem_.empty() ? TestChannel(address()) : TlsTestChannel(address(), probe_ca_pem_);
}

void CoopdProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, &exit_status_, 0);
  pid_ = -1;
}

bool CoopdProcess::Running() {
  if (pid_ <= 0) return false;
  if (waitpid(pid_, &exit_status_, WNOHANG) != pid_) return true;
  pid_ = -1;
  return false;
}

int CoopdProcess::SignalAndWait(int signal, int timeout_ms) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  Kill();
  return -1;
}

}  // namespace coop::testing
