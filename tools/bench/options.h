// Command-line options of coop-bench: what to run, against what, for how long.
#ifndef COOPLEDGER_TOOLS_BENCH_OPTIONS_H_
#define COOPLEDGER_TOOLS_BENCH_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>

namespace coop::bench {

enum class Mode {
  kSingle,
  kBatch,
  kRocksDb,
  kMatrix,
  kQueries,
  kRebuild,
  kStalled,
  kAudit,
  kCommands,
  kCompare,
  kCatchUp,
  kFanout
};

const char* ModeName(Mode mode);

struct BenchOptions {
  Mode mode = Mode::kSingle;
  std::string server = "127.0.0.1:50051";
  int clients = 1;              // concurrent clients (gRPC modes) or threads (rocksdb)
  int clients_per_channel = 8;  // clients sharing one HTTP/2 connection
  uint64_t streams = 100'000;   // streams of one run, partitioned among the clients
  int batch = 1;                // events per append, or values per WriteBatch
  double seconds = 10;          // measured window of one run (matrix: of each cell)
  double warmup_seconds = 1;    // before each measured window
  int payload_min = 100;        // event payload size range, bytes
  int payload_max = 200;
  int value_bytes = 200;        // rocksdb mode: bytes per value
  std::string dir = "/tmp";     // rocksdb mode: parent of the temporary database folder
  int timeout_ms = 30'000;      // deadline of one Append
  int server_pid = 0;           // if set, the server's CPU and memory are sampled
  int year = 2024;              // queries mode: the statistics year
  double poll_seconds = 2;      // rebuild mode: interval between status polls
  uint64_t events = 3'000'000;  // audit mode: the log the proofs are measured on
  bool demo_import = false;     // commands mode: first import the demo into an empty coopd
  // commands mode: each command is read back (GetCooperative with min_position at its
  // position) before the client's next one, as a user who records then looks.
  bool read_your_writes = false;
  // A coopd with TLS and authentication on: the CA bundle to verify it (turns TLS on), the
  // name its certificate carries if not the --server host, and a file holding a bearer token
  // (never a flag value). The token needs TLS.
  // compare mode: the backends, the writer counts, the depth of a pipelined writer, and where
  // PostgreSQL (a libpq connection string) and Redis (HOST:PORT) listen.
  std::string targets = "coopd,call,postgres,redis";
  std::string writers = "1,8,32,128";
  int pipeline = 64;
  // compare mode: appends per AppendSessionRequest of a pipelined coopd writer (1 = one a
  // message; a burst of --pipeline / 2 goes out in messages of up to this many).
  int appends_per_message = 32;
  int rate = 5'000;  // fanout mode: events/s appended in all
  // catchup and fanout modes: SubscribeRequest.max_events_per_message (1 = one event a message).
  int events_per_message = 256;
  std::string postgres;
  std::string redis;
  std::string tls_ca;
  std::string tls_server_name;
  std::string token_file;
};

struct ParseResult {
  std::optional<BenchOptions> options;  // set when the bench should run
  int exit_code = 0;                    // otherwise: 0 after --help, 2 on a usage error
  std::string message;                  // usage text or the error
};

ParseResult ParseArgs(int argc, char** argv);
std::string Usage(const std::string& program);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_OPTIONS_H_
