#include "base/rocks_info_log.h"

#include <cstdarg>
#include <cstdio>
#include <mutex>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace coop::base {
namespace {

constexpr long kMaxBytes = 16L << 20;  // then LOG starts again (the old one is LOG.old)

class TolerantLogger final : public rocksdb::Logger {
 public:
  explicit TolerantLogger(std::string path)
      : rocksdb::Logger(rocksdb::InfoLogLevel::INFO_LEVEL), path_(std::move(path)) {}
  ~TolerantLogger() override {
    if (file_ != nullptr) std::fclose(file_);
  }

  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    char line[2048];
    const int n = std::vsnprintf(line, sizeof line, format, ap);
    if (n < 0) return;
    const std::string when =
        absl::FormatTime("%Y/%m/%d-%H:%M:%E6S ", absl::Now(), absl::UTCTimeZone());
    std::lock_guard<std::mutex> lock(mu_);
    if (file_ == nullptr || std::ftell(file_) > kMaxBytes) Reopen();
    if (file_ == nullptr) return;
    // A line that cannot be written (a full disk) is dropped; the next one tries again.
    std::fputs(when.c_str(), file_);
    std::fputs(line, file_);
    if (n == 0 || line[std::min<size_t>(n, sizeof line - 1) - 1] != '\n') std::fputc('\n', file_);
    std::fflush(file_);
    std::clearerr(file_);
  }

 private:
  void Reopen() {
    if (file_ != nullptr) {
      std::fclose(file_);
      std::rename(path_.c_str(), (path_ + ".old").c_str());
    }
    file_ = std::fopen(path_.c_str(), "a");
  }

  const std::string path_;
  std::mutex mu_;
  FILE* file_ = nullptr;
};

}  // namespace

std::shared_ptr<rocksdb::Logger> TolerantInfoLog(const std::string& folder) {
  return std::make_shared<TolerantLogger>(folder + "/LOG");
}

}  // namespace coop::base
