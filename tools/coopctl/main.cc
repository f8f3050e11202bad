// coopctl: command-line client of the coopledger event store. See README.md.
#include <string>
#include <vector>

#include "cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return coopctl::RunCli(args);
}
