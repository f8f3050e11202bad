// coopd's allocator options (base/allocator_config.cc) are the ones jemalloc runs with:
// this binary links the same object and jemalloc, as coopd does. jemalloc ignores an option
// it cannot parse (it only prints a warning), so a typo would pass unnoticed without this.
#include <gtest/gtest.h>
#include <jemalloc/jemalloc.h>

#include <cstdint>
#include <cstdlib>

namespace coop::base {
namespace {

template <typename T>
T Option(const char* name) {
  T value{};
  size_t size = sizeof(value);
  EXPECT_EQ(mallctl(name, &value, &size, nullptr, 0), 0) << name;
  return value;
}

TEST(AllocatorConfigTest, GivenCoopdsAllocatorWhenItStartsThenFreedMemoryIsReturnedWithinASecond) {
  if (std::getenv("MALLOC_CONF") != nullptr) GTEST_SKIP() << "MALLOC_CONF overrides the options";
  EXPECT_EQ(Option<ssize_t>("opt.dirty_decay_ms"), 1000);
  EXPECT_TRUE(Option<bool>("opt.background_thread"));
}

}  // namespace
}  // namespace coop::base
