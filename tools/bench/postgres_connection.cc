#include "tools/bench/postgres_connection.h"

#include <libpq-fe.h>

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace coop::bench {
namespace {

constexpr char kInsert[] =
    "INSERT INTO events (stream_id, version, event_id, type, payload) "
    "VALUES ($1, $2, $3::uuid, 'bench.v1.Appended', $4)";

struct PgConnDeleter {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
using Conn = std::unique_ptr<PGconn, PgConnDeleter>;

struct PgResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, PgResultDeleter>;

absl::StatusOr<Conn> Connect(const std::string& conninfo) {
  Conn conn(PQconnectdb(conninfo.c_str()));
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return absl::UnavailableError(
        absl::StrCat("PostgreSQL (", conninfo, "): ", PQerrorMessage(conn.get())));
  }
  return conn;
}

// The outcome of one statement's result: ABORTED for a unique violation (the version was
// taken), UNKNOWN for any other error.
absl::Status Outcome(PGresult* result) {
  const ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return absl::OkStatus();
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const std::string message = PQresultErrorMessage(result);
  if (state != nullptr && std::string(state) == "23505") return absl::AbortedError(message);
  return absl::UnknownError(message);
}

absl::Status Exec(PGconn* conn, const std::string& sql) {
  Result result(PQexec(conn, sql.c_str()));
  return Outcome(result.get());
}

absl::StatusOr<std::string> Setting(PGconn* conn, const std::string& name) {
  Result result(PQexec(conn, absl::StrCat("SHOW ", name).c_str()));
  if (auto st = Outcome(result.get()); !st.ok()) return st;
  return std::string(PQgetvalue(result.get(), 0, 0));
}

class Postgres final : public AppendConnection {
 public:
  Postgres(Conn conn, bool pipelined) : conn_(std::move(conn)), pipelined_(pipelined) {}
  bool pipelined() const override { return pipelined_; }

  absl::Status Send(const SingleAppend& append, bool more_follow) override {
    version_ = absl::StrCat(append.expected + 1);
    const char* values[4] = {append.stream.c_str(), version_.c_str(), append.event_id.c_str(),
                             append.payload.data()};
    const int lengths[4] = {0, 0, 0, static_cast<int>(append.payload.size())};
    const int formats[4] = {0, 0, 0, 1};  // the payload as binary bytea
    if (!pipelined_) {
      last_.reset(PQexecParams(conn_.get(), kInsert, 4, nullptr, values, lengths, formats, 0));
      return absl::OkStatus();
    }
    if (PQsendQueryParams(conn_.get(), kInsert, 4, nullptr, values, lengths, formats, 0) != 1 ||
        PQpipelineSync(conn_.get()) != 1) {
      return absl::UnavailableError(PQerrorMessage(conn_.get()));
    }
    if (!more_follow) PQflush(conn_.get());
    return absl::OkStatus();
  }

  void Flush() override {
    if (pipelined_) PQflush(conn_.get());
  }

  absl::Status Receive() override {
    if (!pipelined_) return Outcome(last_.get());
    // The statement's result, the null that ends it, then the sync's PGRES_PIPELINE_SYNC.
    Result result(PQgetResult(conn_.get()));
    if (result == nullptr) return absl::UnavailableError(PQerrorMessage(conn_.get()));
    absl::Status outcome = Outcome(result.get());
    if (PQresultStatus(result.get()) == PGRES_PIPELINE_ABORTED) {
      outcome = absl::UnknownError("pipeline aborted");
    }
    while (Result more{PQgetResult(conn_.get())}) {
      if (PQresultStatus(more.get()) == PGRES_PIPELINE_SYNC) break;
    }
    if (Result sync{PQgetResult(conn_.get())};
        sync != nullptr && PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) {
      return absl::InternalError("PostgreSQL pipeline out of step");
    }
    return outcome;
  }

 private:
  Conn conn_;
  bool pipelined_;
  std::string version_;
  Result last_;
};

}  // namespace

absl::Status PreparePostgres(const std::string& conninfo) {
  auto conn = Connect(conninfo);
  if (!conn.ok()) return conn.status();
  for (const auto& [name, want] :
       {std::pair<const char*, const char*>{"fsync", "on"}, {"synchronous_commit", "on"}}) {
    auto value = Setting(conn->get(), name);
    if (!value.ok()) return value.status();
    if (*value != want) {
      return absl::FailedPreconditionError(absl::StrCat("PostgreSQL runs with ", name, " = ",
                                                        *value, "; the comparison needs ", want,
                                                        " (durable commits)"));
    }
  }
  return Exec(conn->get(),
              "DROP TABLE IF EXISTS events; "
              "CREATE TABLE events ("
              "  position bigserial PRIMARY KEY,"
              "  stream_id text NOT NULL,"
              "  version bigint NOT NULL,"
              "  event_id uuid NOT NULL UNIQUE,"
              "  type text NOT NULL,"
              "  payload bytea NOT NULL,"
              "  recorded_at timestamptz NOT NULL DEFAULT now(),"
              "  UNIQUE (stream_id, version))");
}

absl::StatusOr<std::unique_ptr<AppendConnection>> PostgresConnection(const std::string& conninfo,
                                                                     bool pipelined) {
  auto conn = Connect(conninfo);
  if (!conn.ok()) return conn.status();
  if (pipelined && PQenterPipelineMode(conn->get()) != 1) {
    return absl::UnavailableError(PQerrorMessage(conn->get()));
  }
  return std::unique_ptr<AppendConnection>(new Postgres(std::move(*conn), pipelined));
}

absl::StatusOr<uint64_t> PostgresWalSyncs(const std::string& conninfo) {
  auto conn = Connect(conninfo);
  if (!conn.ok()) return conn.status();
  Result result(PQexec(conn->get(), "SELECT wal_sync FROM pg_stat_wal"));
  if (auto st = Outcome(result.get()); !st.ok()) return st;
  uint64_t syncs = 0;
  if (!absl::SimpleAtoi(PQgetvalue(result.get(), 0, 0), &syncs)) {
    return absl::InternalError("pg_stat_wal.wal_sync is not a number");
  }
  return syncs;
}

}  // namespace coop::bench
