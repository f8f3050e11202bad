// What the bench learns about processes from the kernel: peak memory and CPU time, of
// itself (getrusage) and of the server (/proc/<pid>), plus a meter of CPU use over a window.
#ifndef COOPLEDGER_TOOLS_BENCH_PROC_STATS_H_
#define COOPLEDGER_TOOLS_BENCH_PROC_STATS_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace coop::bench {

// Peak resident memory of this process so far (getrusage ru_maxrss), KiB.
int64_t SelfPeakRssKib();
// User + system CPU seconds used by this process so far.
double SelfCpuSeconds();
// User + system CPU seconds used by process `pid` so far; nullopt if it can't be read.
std::optional<double> ProcessCpuSeconds(int pid);
// CPU seconds of each thread of process `pid`, by thread id, with the thread's name.
std::map<int, std::pair<std::string, double>> ThreadCpuSeconds(int pid);
// Resident memory now (VmRSS) of process `pid`, KiB; nullopt if it can't be read.
std::optional<int64_t> ProcessRssKib(int pid);
// Peak resident memory (VmHWM) of process `pid`, KiB; nullopt if it can't be read.
std::optional<int64_t> ProcessPeakRssKib(int pid);
// Number of CPUs this process may run on.
int OnlineCpus();
// Busy and total CPU ticks of the whole machine so far (/proc/stat), for what every process
// together used over a window; nullopt if /proc/stat cannot be read.
std::optional<std::pair<uint64_t, uint64_t>> MachineCpuTicks();
// Flush requests the block device holding `path` has completed so far (/proc/diskstats): each
// fsync or fdatasync that reached the disk is one, whoever made it. nullopt if the kernel does
// not count them for that device (e.g. a folder on tmpfs).
std::optional<uint64_t> DeviceFlushes(const std::string& path);

// CPU used over a window, in cores (1.0 = one core busy all the time).
class CpuMeter {
 public:
  explicit CpuMeter(int server_pid) : server_pid_(server_pid) {}
  void Start();
  void Stop();
  double self_cores() const { return self_cores_; }
  // -1 when no server pid was given or /proc could not be read.
  double server_cores() const { return server_cores_; }
  // The server thread that used the most CPU in the window: its cores and name.
  double server_top_thread_cores() const { return top_thread_cores_; }
  const std::string& server_top_thread_name() const { return top_thread_name_; }

 private:
  int server_pid_;
  std::chrono::steady_clock::time_point start_;
  double self_start_ = 0;
  std::optional<double> server_start_;
  double self_cores_ = -1;
  double server_cores_ = -1;
  std::map<int, std::pair<std::string, double>> threads_start_;
  double top_thread_cores_ = -1;
  std::string top_thread_name_;
};

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_PROC_STATS_H_
