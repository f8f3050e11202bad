// How coopd's allocator, jemalloc, is set up (base/CMakeLists.txt makes this an object library
// that coopd and coop-scale-gen link). jemalloc reads the string `malloc_conf` the program
// defines before the MALLOC_CONF environment variable, so an operator can still override each
// option (tests/base/allocator_config_test.cc checks that jemalloc takes them).
//
// - dirty_decay_ms:1000: memory freed is handed back to the system after about a second
//   instead of ten. A national projection rebuild frees decoded events and rows at a high
//   rate; with the default, the freed pages kept the server's peak resident memory about
//   100 MiB higher (953–955 MiB against 851–862 MiB in four alternated rebuilds,
//   docs/PERFORMANCE.md).
// - background_thread:true: that handing back is done by jemalloc's own thread, not by the
//   thread that frees (the same rebuilds took 32.2–43.2 s against 34.1–39.1 s: no slower
//   within this machine's noise).
//
// The name and the C linkage are what jemalloc looks for.
extern "C" {
const char* malloc_conf = "background_thread:true,dirty_decay_ms:1000";
}
