// Runs a shell command for an end-to-end test: its standard output and error, and its exit
// code. Header-only test support; thread-compatible.
#ifndef COOPLEDGER_TESTS_E2E_RUN_COMMAND_H_
#define COOPLEDGER_TESTS_E2E_RUN_COMMAND_H_

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace coop::testing {

inline std::string RunCommand(const std::string& command, int* exit_code) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  std::string output;
  if (pipe == nullptr) {
    *exit_code = -1;
    return output;
  }
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) output.append(buf, n);
  *exit_code = WEXITSTATUS(pclose(pipe));
  return output;
}

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_E2E_RUN_COMMAND_H_
