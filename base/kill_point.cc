#include "base/kill_point.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <iterator>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace coop::base {
namespace {

constexpr int kUnarmed = -1;

// The armed point as an index into kKillPoints (kUnarmed: none), the N-th reach that kills,
// and the reaches so far. Constant-initialized, so usable before the environment is read.
std::atomic<int> armed_index{kUnarmed};
std::atomic<uint64_t> kill_at{0};
std::atomic<uint64_t> reached{0};

int IndexOf(absl::string_view name) {
  for (size_t i = 0; i < std::size(kKillPoints); ++i) {
    if (name == kKillPoints[i]) return static_cast<int>(i);
  }
  return kUnarmed;
}

absl::Status Arm(absl::string_view spec) {
  armed_index.store(kUnarmed, std::memory_order_release);
  if (spec.empty()) return absl::OkStatus();
  absl::string_view name = spec;
  uint64_t at = 1;
  if (const size_t colon = spec.rfind(':'); colon != absl::string_view::npos) {
    name = spec.substr(0, colon);
    if (!absl::SimpleAtoi(spec.substr(colon + 1), &at) || at == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("COOPD_KILL_POINT: the count after ':' must be a whole number >= 1, not '",
                       spec.substr(colon + 1), "'"));
    }
  }
  const int index = IndexOf(name);
  if (index == kUnarmed) {
    std::string known;
    for (const char* point : kKillPoints) absl::StrAppend(&known, known.empty() ? "" : ", ", point);
    return absl::InvalidArgumentError(
        absl::StrCat("COOPD_KILL_POINT: unknown kill point '", name, "'; known: ", known));
  }
  reached.store(0, std::memory_order_relaxed);
  kill_at.store(at, std::memory_order_relaxed);
  armed_index.store(index, std::memory_order_release);
  return absl::OkStatus();
}

void WriteStderr(const std::string& line) {
  size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

// Read once, before main.
const bool environment_read = [] {
  const char* spec = std::getenv("COOPD_KILL_POINT");
  if (spec == nullptr) return true;
  if (auto st = Arm(spec); !st.ok()) WriteStderr(absl::StrCat(st.message(), "\n"));
  return true;
}();

}  // namespace

void KillPoint(const char* name) {
  const int index = armed_index.load(std::memory_order_relaxed);
  if (index == kUnarmed) return;
  std::atomic_thread_fence(std::memory_order_acquire);
  if (std::strcmp(name, kKillPoints[index]) != 0) return;
  const uint64_t n = reached.fetch_add(1, std::memory_order_acq_rel) + 1;
  if (n != kill_at.load(std::memory_order_relaxed)) return;
  WriteStderr(absl::StrCat("kill point ", name, " reached (", n, "): SIGKILL\n"));
  ::kill(::getpid(), SIGKILL);
  ::pause();  // the signal is on its way; nothing of this thread goes on meanwhile
}

bool IsKillPoint(absl::string_view name) { return IndexOf(name) != kUnarmed; }

absl::Status ArmKillPointForTest(absl::string_view spec) { return Arm(spec); }

std::string ArmedKillPoint() {
  (void)environment_read;
  const int index = armed_index.load(std::memory_order_acquire);
  return index == kUnarmed ? "" : kKillPoints[index];
}

uint64_t KillPointReached() { return reached.load(std::memory_order_acquire); }

}  // namespace coop::base
