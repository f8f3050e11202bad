#include "tools/bench/options.h"

#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace coop::bench {
namespace {

ParseResult Error(const std::string& message) {
  ParseResult r;
  r.exit_code = 2;
  r.message = absl::StrCat("coop-bench: ", message, "\nTry --help.\n");
  return r;
}

bool ParseMode(const std::string& text, Mode* out) {
  if (text == "single")
    *out = Mode::kSingle;
  else if (text == "batch")
    *out = Mode::kBatch;
  else if (text == "rocksdb")
    *out = Mode::kRocksDb;
  else if (text == "matrix")
    *out = Mode::kMatrix;
  else if (text == "queries")
    *out = Mode::kQueries;
  else if (text == "rebuild")
    *out = Mode::kRebuild;
  else if (text == "stalled")
    *out = Mode::kStalled;
  else if (text == "audit")
    *out = Mode::kAudit;
  else if (text == "commands")
    *out = Mode::kCommands;
  else if (text == "compare")
    *out = Mode::kCompare;
  else if (text == "catchup")
    *out = Mode::kCatchUp;
  else if (text == "fanout")
    *out = Mode::kFanout;
  else
    return false;
  return true;
}

template <typename Int>
bool ParseInt(const std::string& text, Int min, Int max, Int* out) {
  int64_t v = 0;
  if (!absl::SimpleAtoi(text, &v) || v < static_cast<int64_t>(min) ||
      v > static_cast<int64_t>(max)) {
    return false;
  }
  *out = static_cast<Int>(v);
  return true;
}

bool ParseSeconds(const std::string& text, double min, double* out) {
  double v = 0;
  if (!absl::SimpleAtod(text, &v) || !(v >= min) || v > 86'400) return false;
  *out = v;
  return true;
}

}  // namespace

const char* ModeName(Mode mode) {
  switch (mode) {
    case Mode::kSingle:
      return "single";
    case Mode::kBatch:
      return "batch";
    case Mode::kRocksDb:
      return "rocksdb";
    case Mode::kMatrix:
      return "matrix";
    case Mode::kQueries:
      return "queries";
    case Mode::kRebuild:
      return "rebuild";
    case Mode::kStalled:
      return "stalled";
    case Mode::kCatchUp:
      return "catchup";
    case Mode::kFanout:
      return "fanout";
    case Mode::kAudit:
      return "audit";
    case Mode::kCommands:
      return "commands";
    case Mode::kCompare:
      return "compare";
  }
  return "?";
}

std::string Usage(const std::string& program) {
  return absl::StrCat(
      "Usage: ", program,
      " [--mode "
      "single|batch|rocksdb|matrix|queries|rebuild|stalled|audit|commands|compare|catchup|fanout]\n"
      "       [flags]\n"
      "\n"
      "Measures appends to a running coopd (an ordinary gRPC client of coop.v1.EventStore),\n"
      "and a raw-RocksDB baseline of synced writes for comparison.\n"
      "\n"
      "Modes:\n"
      "  single   N clients each append one event per Append, EXACT expected version, to\n"
      "           random streams of their own share of --streams (no conflicts by design).\n"
      "  batch    like single, but each Append carries --batch events (default 100) to one "
      "stream.\n"
      "  rocksdb  no gRPC, no event store: RocksDB opened in a new temporary folder under --dir,\n"
      "           N threads each doing synced (sync=true) WriteBatch writes of --batch values\n"
      "           of --value_bytes bytes. --batch 1 = single synced writes.\n"
      "  matrix   single with 1, 8, 32, 128 clients; batch-100 with 1, 8, 32 clients;\n"
      "           rocksdb B=1 with 1 and 32 threads, B=100 with 1 thread; then a table and\n"
      "           the ratios to the baseline. --seconds is per cell (default 5).\n"
      "  queries  read latency of coop.v1.Reporting once the projections are live: GetCooperative\n"
      "           (random ids), ListCooperatives (page of 50, province or district + status\n"
      "           active), GetAnnualStatistics of a commune, a province and the nation\n"
      "           (precomputed) and of a district as known at the head (replayed). Ids and\n"
      "           areas are sampled from ListCooperatives. --seconds per query kind (default 5),\n"
      "           --clients concurrent callers (default 1).\n"
      "  rebuild  watches a coopd that is building its projections: polls GetProjectionStatus\n"
      "           every --poll_seconds, prints each projection's time to reach the log head\n"
      "           and events/s, and the server's peak RSS. Start it right after coopd; with\n"
      "           --server_pid, times count from the process start. --seconds is the longest\n"
      "           it waits (default 3600); the rates so far are reported if it runs out.\n"
      "  stalled  what readers that stop reading cost: appends 256 events of --payload_max bytes\n"
      "           (default 1 MiB), opens --clients subscriptions (default 300) that never read,\n"
      "           waits --seconds (default 10) and prints the server's RSS (--server_pid).\n"
      "  audit    in process, no server: durable append throughput of the event store with and\n"
      "           without its Merkle tree (--clients threads of single events, 4 threads of\n"
      "           batches of 100; --seconds per cell, default 5) and bytes per event on disk;\n"
      "           then a log of --events events (default 3000000) under --dir and the latency\n"
      "           of signed tree heads, inclusion and consistency proofs on it.\n"
      "  commands commands/s through coop.v1.Registry: --clients clients (default 32) each\n"
      "           registering a cooperative then admitting members to it four times, for\n"
      "           --seconds (default 10). With --demo_import, first the demo history (~15,000\n"
      "           commands) into an empty coopd, timed. After each, how far the projections\n"
      "           were behind and how long they took to reach the head; against coopd\n"
      "           --projections off, the store serving alone. With --read_your_writes, each\n"
      "           command is read back (GetCooperative, min_position) before the next (needs\n"
      "           the projections: not against coopd --projections off).\n"
      "  compare  the same single-event appends (exact expected version, --payload_min..max\n"
      "           bytes, every one durable) against each of --targets: coopd, PostgreSQL and\n"
      "           Redis Streams, with each count of --writers, unary (one append in flight\n"
      "           per writer) and pipelined (--pipeline in flight per writer: coopd's\n"
      "           AppendSession, libpq's pipeline mode, hiredis pipelining). Prints one table\n"
      "           with disk flushes, events per flush and the ratios. tools/bench/compare\n"
      "           starts the servers and runs this.\n"
      "  catchup  one subscription from position 1, read until the server says it caught up\n"
      "           (or --seconds, default 600): events/s, payload MiB/s, server CPU\n"
      "           (--server_pid). --events_per_message (default 256; 1 = one event a\n"
      "           message, as before the `events` message).\n"
      "  fanout   --clients live subscribers (default 100) while 16 writers append --rate\n"
      "           events/s in all (default 5000) for --seconds (default 10): latency from an\n"
      "           append's sending to each subscriber's receipt, p50/p99/p99.9.\n"
      "\n"
      "Flags (--flag VALUE or --flag=VALUE):\n"
      "  --server HOST:PORT        coopd address (default 127.0.0.1:50051)\n"
      "  --clients N               concurrent clients or threads (default 1)\n"
      "  --clients_per_channel N   clients sharing one HTTP/2 connection (default 8)\n"
      "  --streams N               streams per run, split among clients (default 100000)\n"
      "  --batch N                 events per Append / values per WriteBatch\n"
      "                            (default: 1 in single and rocksdb, 100 in batch)\n"
      "  --seconds S               measured seconds per run (default 10; 5 in matrix and\n"
      "                            queries, per query kind; rebuild: longest wait, 3600)\n"
      "  --warmup S                unmeasured seconds before each run (default 1)\n"
      "  --payload_min N           smallest event payload in bytes (default 100)\n"
      "  --payload_max N           largest event payload in bytes (default 200)\n"
      "  --value_bytes N           rocksdb value size in bytes (default 200)\n"
      "  --dir PATH                parent folder of the rocksdb baseline's temporary database\n"
      "                            and of the fdatasync probe run before each measurement;\n"
      "                            put it on the same disk as coopd's data (default /tmp)\n"
      "  --timeout_ms N            deadline of one Append (default 30000)\n"
      "  --server_pid PID          sample this process's CPU and peak memory (e.g. $(pidof "
      "coopd))\n"
      "  --year Y                  queries: the statistics year (default 2024)\n"
      "  --poll_seconds S          rebuild: seconds between status polls (default 2)\n"
      "  --demo_import             commands: import the demo history first (empty coopd)\n"
      "  --read_your_writes        commands: read each cooperative back at its command's\n"
      "                            position (GetCooperative, min_position) before the next\n"
      "  --events N                audit: events in the log the proofs are measured on\n"
      "                            (default 3000000)\n"
      "  --targets LIST            compare: of coopd, call (a unary gRPC call to coopd doing\n"
      "                            no work: the ceiling of unary appends), postgres, redis\n"
      "                            (default all four)\n"
      "  --writers LIST            compare: writer counts (default 1,8,32,128)\n"
      "  --pipeline N              compare: appends in flight per pipelined writer (default 64)\n"
      "  --appends_per_message N   compare: appends per AppendSession message of a pipelined\n"
      "                            coopd writer, 1-256 (default 32: a refill of half the\n"
      "                            window in one message, as hiredis writes its pipeline)\n"
      "  --rate N                  fanout: events/s appended in all (default 5000)\n"
      "  --events_per_message N    catchup, fanout: events per Subscribe message, 1-256\n"
      "                            (default 256)\n"
      "  --postgres CONNINFO       compare: libpq connection string of the PostgreSQL\n"
      "  --redis HOST:PORT         compare: the Redis server\n"
      "  --tls_ca FILE             serve over TLS: the CA bundle that signed coopd's certificate\n"
      "  --tls_server_name NAME    the name coopd's certificate carries, if not the host\n"
      "  --token_file FILE         a bearer token (first line) for coopd with --auth_config;\n"
      "                            needs --tls_ca\n"
      "  --help                    this text\n"
      "\n"
      "Streams are named bench-<run id>-<n> with a random run id per run, so runs against the\n"
      "same data folder never collide. Latency is measured per Append (per WriteBatch).\n");
}

ParseResult ParseArgs(int argc, char** argv) {
  BenchOptions o;
  bool batch_set = false;
  bool seconds_set = false;
  bool clients_set = false;
  bool payload_max_set = false;
  const std::string program = argc > 0 ? argv[0] : "coop-bench";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h" || arg == "-help") {
      ParseResult r;
      r.message = Usage(program);
      return r;
    }
    if (arg.rfind("--", 0) != 0) return Error(absl::StrCat("unexpected argument '", arg, "'"));
    if (arg == "--demo_import") {
      o.demo_import = true;
      continue;
    }
    if (arg == "--read_your_writes") {
      o.read_your_writes = true;
      continue;
    }
    std::string name = arg.substr(2);
    std::string value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return Error(absl::StrCat("--", name, " needs a value"));
    }
    bool ok = true;
    if (name == "mode")
      ok = ParseMode(value, &o.mode);
    else if (name == "server") {
      o.server = value;
      ok = !value.empty();
    } else if (name == "clients") {
      ok = ParseInt(value, 1, 4096, &o.clients);
      clients_set = true;
    } else if (name == "clients_per_channel")
      ok = ParseInt(value, 1, 4096, &o.clients_per_channel);
    else if (name == "streams")
      ok = ParseInt<uint64_t>(value, 1, 1'000'000'000, &o.streams);
    else if (name == "batch") {
      ok = ParseInt(value, 1, 10'000, &o.batch);
      batch_set = true;
    } else if (name == "seconds") {
      ok = ParseSeconds(value, 0.1, &o.seconds);
      seconds_set = true;
    } else if (name == "warmup")
      ok = ParseSeconds(value, 0, &o.warmup_seconds);
    else if (name == "payload_min")
      ok = ParseInt(value, 0, 1 << 20, &o.payload_min);
    else if (name == "payload_max") {
      ok = ParseInt(value, 0, 1 << 20, &o.payload_max);
      payload_max_set = true;
    } else if (name == "value_bytes")
      ok = ParseInt(value, 1, 1 << 20, &o.value_bytes);
    else if (name == "dir") {
      o.dir = value;
      ok = !value.empty();
    } else if (name == "timeout_ms")
      ok = ParseInt(value, 1, 3'600'000, &o.timeout_ms);
    else if (name == "server_pid")
      ok = ParseInt(value, 1, 1 << 30, &o.server_pid);
    else if (name == "year")
      ok = ParseInt(value, 1900, 2100, &o.year);
    else if (name == "poll_seconds")
      ok = ParseSeconds(value, 0.1, &o.poll_seconds);
    else if (name == "events")
      ok = ParseInt<uint64_t>(value, 2'000, 1'000'000'000, &o.events);
    else if (name == "pipeline")
      ok = ParseInt(value, 1, 256, &o.pipeline);
    else if (name == "appends_per_message")
      ok = ParseInt(value, 1, 256, &o.appends_per_message);
    else if (name == "rate")
      ok = ParseInt(value, 1, 1'000'000, &o.rate);
    else if (name == "events_per_message")
      ok = ParseInt(value, 1, 256, &o.events_per_message);
    else if (name == "targets" || name == "writers" || name == "postgres" || name == "redis") {
      (name == "targets"    ? o.targets
       : name == "writers"  ? o.writers
       : name == "postgres" ? o.postgres
                            : o.redis) = value;
      ok = !value.empty();
    } else if (name == "tls_ca" || name == "tls_server_name" || name == "token_file") {
      (name == "tls_ca"       ? o.tls_ca
       : name == "token_file" ? o.token_file
                              : o.tls_server_name) = value;
      ok = !value.empty();
    } else
      return Error(absl::StrCat("unknown flag --", name));
    if (!ok) return Error(absl::StrCat("bad value '", value, "' for --", name));
  }
  if (o.payload_min > o.payload_max) return Error("--payload_min is larger than --payload_max");
  if (!o.token_file.empty() && o.tls_ca.empty()) return Error("--token_file needs --tls_ca");
  if (!batch_set) o.batch = o.mode == Mode::kBatch ? 100 : 1;
  if (o.mode == Mode::kSingle && o.batch != 1) {
    return Error("--mode single appends one event per Append; use --mode batch for --batch");
  }
  if ((o.mode == Mode::kMatrix || o.mode == Mode::kQueries) && !seconds_set) o.seconds = 5;
  if (o.mode == Mode::kRebuild && !seconds_set) o.seconds = 3600;
  if (o.mode == Mode::kAudit && !seconds_set) o.seconds = 5;
  if (o.mode == Mode::kCatchUp && !seconds_set) o.seconds = 600;
  if (o.mode == Mode::kFanout && !clients_set) o.clients = 100;
  if (o.mode == Mode::kAudit && !clients_set) o.clients = 32;
  if (o.mode == Mode::kCommands && !clients_set) o.clients = 32;
  if (o.mode == Mode::kStalled) {
    if (!clients_set) o.clients = 300;
    if (!payload_max_set) o.payload_min = o.payload_max = 1 << 20;
  }
  if ((o.mode == Mode::kSingle || o.mode == Mode::kBatch) &&
      o.streams < static_cast<uint64_t>(o.clients)) {
    return Error("--streams must be at least --clients: each client owns its own streams");
  }
  if (o.mode == Mode::kMatrix && o.streams < 128) {
    return Error("--streams must be at least 128 in matrix mode (it runs 128 clients)");
  }
  ParseResult r;
  r.options = o;
  return r;
}

}  // namespace coop::bench
