// coopctl: command-line client of the coopledger event store. See README.md.
#include <string>
#include <vector>

#include "tools/coopctl/cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return coop::coopctl::RunCli(args);
}
