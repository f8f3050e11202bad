// Clock: the source of `recorded_at` for the event store. Injectable so tests can set time.
// Thread-safe: NowMicros may be called from any thread.
#ifndef COOPLEDGER_EVENTSTORE_CLOCK_H_
#define COOPLEDGER_EVENTSTORE_CLOCK_H_

#include <atomic>
#include <cstdint>

namespace coop::eventstore {

class Clock {
 public:
  virtual ~Clock() = default;
  // Microseconds since the Unix epoch, UTC.
  virtual int64_t NowMicros() const = 0;
};

// The system's real-time clock. May step backwards; the store never lets recorded_at do so.
class SystemClock final : public Clock {
 public:
  int64_t NowMicros() const override;
  // A process-wide instance.
  static SystemClock* Default();
};

// A clock that only moves when told to: for tests, and for generators whose logs must be the
// same on every run.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t now_micros) : now_(now_micros) {}
  int64_t NowMicros() const override { return now_.load(); }
  void Set(int64_t now_micros) { now_.store(now_micros); }
  void Advance(int64_t micros) { now_.fetch_add(micros); }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace coop::eventstore

#endif  // COOPLEDGER_EVENTSTORE_CLOCK_H_
