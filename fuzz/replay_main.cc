// The main of a fuzz target in the default (g++) build, where there is no libFuzzer: calls
// LLVMFuzzerTestOneInput once for every file of the folders (or files) named on the command
// line, in name order, and prints how many it replayed. ctest runs it on the saved corpus,
// so every input that once found a bug, or new coverage, is checked on every build.
// Exit 0 if every input ran; a crashing input crashes it, and it names the file.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace coop::fuzz {
namespace {

// The input being replayed, for the crash handler (which may only call async-signal-safe
// functions, so it is a fixed buffer).
char current_input[4096];

void NameInputAndCrash(int signal_number) {
  constexpr char kPrefix[] = "\nreplay: crashed on input ";
  (void)!write(STDERR_FILENO, kPrefix, sizeof kPrefix - 1);
  (void)!write(STDERR_FILENO, current_input, std::strlen(current_input));
  (void)!write(STDERR_FILENO, "\n", 1);
  signal(signal_number, SIG_DFL);
  raise(signal_number);
}

// The files of `path` (itself if it is a file), sorted; empty and reported if unreadable.
std::vector<std::filesystem::path> InputsOf(const std::filesystem::path& path) {
  std::vector<std::filesystem::path> inputs;
  std::error_code error;
  if (std::filesystem::is_regular_file(path, error)) return {path};
  for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
    if (entry.is_regular_file()) inputs.push_back(entry.path());
  }
  if (error) std::fprintf(stderr, "cannot read %s: %s\n", path.c_str(), error.message().c_str());
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

int Replay(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
    return 2;
  }
  for (int signal_number : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) {
    signal(signal_number, NameInputAndCrash);
  }
  const auto start = std::chrono::steady_clock::now();
  size_t files = 0, bytes = 0;
  for (int i = 1; i < argc; ++i) {
    const auto inputs = InputsOf(argv[i]);
    if (inputs.empty()) {
      std::fprintf(stderr, "%s: no inputs\n", argv[i]);
      return 1;
    }
    for (const auto& input : inputs) {
      std::ifstream file(input, std::ios::binary);
      const std::vector<char> data((std::istreambuf_iterator<char>(file)),
                                   std::istreambuf_iterator<char>());
      std::snprintf(current_input, sizeof current_input, "%s", input.c_str());
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()), data.size());
      ++files;
      bytes += data.size();
    }
  }
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::printf("replayed %zu files (%zu bytes) in %.0f ms\n", files, bytes, ms);
  return 0;
}

}  // namespace
}  // namespace coop::fuzz

int main(int argc, char** argv) { return coop::fuzz::Replay(argc, argv); }
