// coopctl: command-line client of the coopledger event store. See README.md.
#include <iostream>
#include <string>
#include <vector>

#include "tools/coopctl/cli.h"
#include "tools/coopctl/terminal_guard.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // Nothing the server sends can drive the terminal (tools/coopctl/terminal_guard.h).
  coop::coopctl::TerminalGuard out(std::cout);
  coop::coopctl::TerminalGuard err(std::cerr);
  return coop::coopctl::RunCli(args);
}
