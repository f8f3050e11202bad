#include "tools/bench/proc_stats.h"

#include <sched.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace coop::bench {

int64_t SelfPeakRssKib() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return -1;
  return usage.ru_maxrss;  // KiB on Linux
}

double SelfCpuSeconds() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  auto secs = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return secs(usage.ru_utime) + secs(usage.ru_stime);
}

namespace {

// utime + stime of a /proc stat file, in seconds.
std::optional<double> StatCpuSeconds(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  // The command name (field 2) may contain spaces; fields resume after its closing ')'.
  size_t close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(line.substr(close + 2));
  std::string field;
  uint64_t utime = 0, stime = 0;
  // rest starts at field 3 (state); utime and stime are fields 14 and 15.
  for (int f = 3; f <= 15 && rest >> field; ++f) {
    if (f == 14 && !absl::SimpleAtoi(field, &utime)) return std::nullopt;
    if (f == 15 && !absl::SimpleAtoi(field, &stime)) return std::nullopt;
  }
  long ticks = sysconf(_SC_CLK_TCK);
  if (ticks <= 0) return std::nullopt;
  return static_cast<double>(utime + stime) / ticks;
}

}  // namespace

std::optional<double> ProcessCpuSeconds(int pid) {
  return StatCpuSeconds("/proc/" + std::to_string(pid) + "/stat");
}

std::map<int, std::pair<std::string, double>> ThreadCpuSeconds(int pid) {
  std::map<int, std::pair<std::string, double>> threads;
  std::error_code ec;
  const std::string task = "/proc/" + std::to_string(pid) + "/task";
  for (const auto& entry : std::filesystem::directory_iterator(task, ec)) {
    int tid = 0;
    if (!absl::SimpleAtoi(entry.path().filename().string(), &tid)) continue;
    auto secs = StatCpuSeconds(entry.path().string() + "/stat");
    if (!secs) continue;
    std::string name;
    std::ifstream comm(entry.path().string() + "/comm");
    std::getline(comm, name);
    threads[tid] = {name, *secs};
  }
  return threads;
}

namespace {

// A "Name:   1234 kB" line of /proc/<pid>/status, KiB.
std::optional<int64_t> StatusKib(int pid, const std::string& name) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    int64_t kib = 0;
    if (line.rfind(name, 0) == 0) {
      std::string value(absl::StripAsciiWhitespace(line.substr(name.size())));
      value = value.substr(0, value.find(' '));
      return absl::SimpleAtoi(value, &kib) ? std::optional<int64_t>(kib) : std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<int64_t> ProcessRssKib(int pid) { return StatusKib(pid, "VmRSS:"); }

std::optional<int64_t> ProcessPeakRssKib(int pid) { return StatusKib(pid, "VmHWM:"); }

int OnlineCpus() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set);
  return static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
}

void CpuMeter::Start() {
  start_ = std::chrono::steady_clock::now();
  self_start_ = SelfCpuSeconds();
  if (server_pid_ > 0) {
    server_start_ = ProcessCpuSeconds(server_pid_);
    threads_start_ = ThreadCpuSeconds(server_pid_);
  }
}

void CpuMeter::Stop() {
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (wall <= 0) return;
  self_cores_ = (SelfCpuSeconds() - self_start_) / wall;
  if (server_start_) {
    if (auto now = ProcessCpuSeconds(server_pid_)) server_cores_ = (*now - *server_start_) / wall;
    for (const auto& [tid, now] : ThreadCpuSeconds(server_pid_)) {
      auto it = threads_start_.find(tid);
      double used = now.second - (it == threads_start_.end() ? 0 : it->second.second);
      if (used / wall > top_thread_cores_) {
        top_thread_cores_ = used / wall;
        top_thread_name_ = absl::StrCat(now.first, "/", tid);
      }
    }
  }
}

std::optional<std::pair<uint64_t, uint64_t>> MachineCpuTicks() {
  std::ifstream in("/proc/stat");
  std::string label;
  if (!(in >> label) || label != "cpu") return std::nullopt;
  // user nice system idle iowait irq softirq steal ...: idle and iowait are not busy.
  uint64_t busy = 0;
  uint64_t total = 0;
  uint64_t value = 0;
  for (int field = 0; field < 8 && (in >> value); ++field) {
    total += value;
    if (field != 3 && field != 4) busy += value;
  }
  if (total == 0) return std::nullopt;
  return std::make_pair(busy, total);
}

std::optional<uint64_t> DeviceFlushes(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  std::ifstream in("/proc/diskstats");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    unsigned major_number = 0;
    unsigned minor_number = 0;
    std::string name;
    if (!(fields >> major_number >> minor_number >> name)) continue;
    if (major_number != major(st.st_dev) || minor_number != minor(st.st_dev)) continue;
    // After the name: 15 counters of reads, writes and discards, then flushes completed.
    uint64_t value = 0;
    for (int field = 1; field <= 16; ++field) {
      if (!(fields >> value)) return std::nullopt;
    }
    return value;
  }
  return std::nullopt;
}

}  // namespace coop::bench
