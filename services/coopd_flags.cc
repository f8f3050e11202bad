#include "services/coopd_flags.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/coopd_config.h"

namespace coop::services {

std::string CoopdUsage() {
  return R"(coopd — máy chủ coopledger: sổ sự kiện RocksDB nhúng, phục vụ qua gRPC.
coopd — the coopledger server: an embedded RocksDB event log behind gRPC.

Cách dùng / usage: coopd [cờ / flags]
Mỗi cờ: tiếng Việt, rồi tiếng Anh / each flag: Vietnamese, then English.

  --data_dir DIR       thư mục sổ sự kiện RocksDB (tạo nếu chưa có; mặc định: data); chứa cả
                       DIR/people, kho người (dữ liệu cá nhân, mã hoá) /
                       folder of the RocksDB event store (created if missing; default: data);
                       also holds DIR/people, the person vault (personal data, encrypted)
  --listen HOST:PORT   địa chỉ phục vụ gRPC (mặc định 127.0.0.1:50051; cổng 0: cổng trống bất
                       kỳ) / address to serve gRPC on (default: 127.0.0.1:50051; port 0 = any
                       free port)
  --durability MODE    sync (mặc định): mọi lần ghi được xác nhận đều đã fsync, gộp nhóm;
                       relaxed: xác nhận trước fsync, có thể mất các lần ghi cuối khi mất điện
                       (chỉ cho nạp hàng loạt và đo hiệu năng) /
                       sync (default): every acknowledged append is fsynced, group-committed;
                       relaxed: acknowledged before fsync, may lose the latest appends on
                       power loss (bulk loads and benchmarks only)
  --projections on|off on (mặc định): các bảng xem (danh bạ, thống kê, ...) theo sổ; off: không
                       bảng xem nào chạy, mọi lần đọc bảng xem bị từ chối, để đo riêng kho
                       (chỉ để đo hiệu năng: kiểm tra phạm vi người ghi của lệnh về người và
                       bố trí cần bảng xem) /
                       on (default): the views (registry, statistics, ...) follow the log;
                       off: none runs and every read of a view is refused, so that a
                       benchmark measures the store serving alone (benchmarks only: the
                       recorder-scope checks of person and placement commands need views)
  --master_key_file FILE
                       khoá chính của kho người: 32 byte thô hoặc 64 chữ số hex, quyền 0600
                       (từ chối nếu nhóm hay người khác đọc được). Mặc định: DIR/master.key
                       trong thư mục dữ liệu, tạo ở lần chạy đầu; hãy giữ khoá xa dữ liệu
                       (và xa bản sao lưu) /
                       the person vault's master key: 32 raw bytes or 64 hex digits, mode
                       0600 (refused if group or others may read it). Default: DIR/master.key
                       in the data folder, created on first start; keep personal data safe
                       by keeping the key apart from the data (and from its backups)
  --signing_key_file FILE
                       khoá Ed25519 (PEM, quyền 0600) ký đầu cây (coop.v1.Audit). Mặc định:
                       DIR/tree-head-signing.pem, tạo ở lần chạy đầu; khoá trong thư mục dữ
                       liệu không ngăn được người nắm thư mục đó, nên giữ ở nơi khác và để
                       kiểm toán viên lưu các đầu cây (docs/audit.md) /
                       the Ed25519 key (PEM, mode 0600) that signs tree heads (coop.v1.Audit).
                       Default: DIR/tree-head-signing.pem, created on first start; a key in
                       the data folder does not stop whoever controls that folder, so keep it
                       elsewhere and let auditors keep heads (docs/audit.md)
  --projection_gather_ms MS
                       khi đang chạy, mỗi bảng xem đọc sổ nhiều nhất một lần mỗi MS mili giây,
                       0 đến 1000 (mặc định 250; 0: đọc ngay mọi lần ghi): lúc tải cao, các lần
                       ghi trong khoảng đó được gộp thành một trang (ít CPU hơn), bảng xem trễ
                       tối đa khoảng hai lần MS; lần ghi sau lúc yên được đọc ngay, và mọi lần
                       ghi khi có truy vấn chờ (min_position) hay kiểm tra người của người ghi /
                       live, each view reads the log at most once per MS milliseconds, 0 to
                       1000 (default 250; 0: every commit at once): under load, the commits
                       of that time are folded as one page (less CPU an event), and the views
                       lag by up to about twice MS; a commit after a quiet spell is read at
                       once, and so is every commit while a query waits (min_position) or a
                       recorder's person check does
  --command_threads N  số luồng chạy lệnh, 1 đến 256 (mặc định 32): chừng ấy lệnh chung một lần
                       ghi nhóm / threads that run commands, 1 to 256 (default 32): as many
                       commands as this share one group commit
  --publish_heads FILE nối đầu cây đã ký vào FILE (mỗi dòng một JSON, dạng HEAD.json) lúc khởi
                       động, mỗi --publish_heads_every giây khi sổ lớn lên (mặc định 3600) và
                       lúc dừng; hãy chép nó ra khỏi máy /
                       append the signed tree head to FILE (one JSON line, the HEAD.json
                       format) at start, every --publish_heads_every seconds while the log
                       grows (default 3600), and at shutdown; copy it off the machine
  --publish_heads_every SECONDS
                       khoảng giữa hai lần ghi đầu cây / the interval between published heads
  --auth_config FILE   tệp chủ thể (JSON; sửa bằng coopctl admin principal add|list|revoke; đọc
                       lại khi đổi và khi nhận SIGHUP). Không có: coopd chạy mở, với tư cách
                       quản trị cục bộ local-admin (unauthenticated), chỉ trên loopback /
                       the principals file (JSON; coopctl admin principal add|list|revoke edits
                       it; reloaded on change and on SIGHUP). Without it coopd runs open, as
                       the local admin local-admin (unauthenticated), on loopback only
  --tls_cert FILE      chuỗi chứng thư của máy chủ (PEM); cùng --tls_key thì phục vụ TLS /
                       the server's certificate chain (PEM); with --tls_key, serve TLS
  --tls_key FILE       khoá riêng của máy chủ (PEM) / the server's private key (PEM)
  --tls_client_ca FILE nhận chứng thư máy khách do các CA này ký (PEM), gắn với chủ thể theo dấu
                       vân tay hoặc tên thay thế của chủ thể (SAN) / accept client certificates
                       signed by these CAs (PEM), mapped to principals by fingerprint or
                       subject alternative name
  --allow_plaintext    cùng --auth_config, phục vụ không mã hoá (không TLS) trên địa chỉ không
                       phải loopback (mã bearer từ máy xa vẫn bị từ chối) /
                       with --auth_config, serve plaintext on an address that is not loopback
                       (bearer tokens are still refused from remote peers)
  --backup_dir DIR     nơi coopctl admin backup ghi bản sao lưu trực tuyến (trên máy này; tốt
                       nhất ở đĩa khác). Không có: từ chối sao lưu. Cũng giữ nhật ký xoá mà lần
                       khôi phục áp dụng (docs/operations.md) /
                       where coopctl admin backup writes online backups (on this host; best on
                       another disk). Without it, backups are refused. Also keeps the erasure
                       journal that a restore applies (docs/operations.md)
  --backup_keep K      số bản sao lưu giữ lại, 1 đến 1000 (mặc định 7): mỗi bản mới xoá bản cũ
                       nhất vượt K / backups kept, 1 to 1000 (default 7): each new backup
                       removes the oldest beyond K
  --metrics_listen HOST:PORT
                       phục vụ chỉ số Prometheus tại http://HOST:PORT/metrics (mặc định tắt; giữ
                       trên loopback hoặc mạng giám sát: không có xác thực) /
                       serve Prometheus metrics on http://HOST:PORT/metrics (off by default;
                       keep it on loopback or a monitoring network: it has no authentication)
  --http_listen HOST:PORT
                       phục vụ bảng điều khiển, các truy vấn dạng JSON (POST
                       /coop.v1.Reporting/…) và luồng sự kiện trực tiếp (GET /feed, Server-Sent
                       Events) tại http://HOST:PORT/, cùng thông tin xác thực và vai trò như gRPC
                       (Authorization: Bearer); HTTPS
                       với --tls_cert/--tls_key, không có chúng thì chỉ loopback (mặc định tắt;
                       hướng dẫn nhanh dùng 127.0.0.1:8080) /
                       serve the dashboard, the reads as JSON (POST /coop.v1.Reporting/…) and
                       live feeds (GET /feed, Server-Sent Events) on http://HOST:PORT/, with
                       the same credentials and roles as gRPC (Authorization: Bearer); HTTPS
                       with --tls_cert/--tls_key, and on loopback only without them (off by
                       default; the quick start uses 127.0.0.1:8080)
  --http_port_file FILE
                       ghi cổng HTTP đã mở vào FILE khi bắt đầu phục vụ / write the bound HTTP
                       port to FILE once serving
  --http_threads N     số luồng làm việc HTTP, 3 đến 1024 (mặc định 16, hoặc 4 mỗi lõi nếu nhiều
                       hơn) / HTTP worker threads, 3 to 1024 (default 16, or 4 per core if more)
  --http_max_feeds N   số luồng sự kiện trực tiếp mở cùng lúc (mặc định nửa số luồng làm việc
                       HTTP; nhiều nhất số luồng làm việc trừ 2, để truy vấn luôn có luồng làm
                       việc); quá thì 503 / live feeds open at
                       once (default half the HTTP threads; at most the threads less 2, so
                       reads always have workers); 503 beyond
  --http_max_body_kib N
                       nội dung yêu cầu lớn nhất, KiB, 1 đến 65536 (mặc định 1024); quá thì 413 /
                       the largest request body in KiB, 1 to 65536 (default 1024); 413 beyond
  --dashboard_dir DIR  bảng điều khiển đã dựng (index.html, assets/); mặc định:
                       tools/dashboard/dist của cây dựng / the built dashboard (index.html,
                       assets/); default:
                       the build tree's tools/dashboard/dist
  --health_stall_seconds N
                       sức khoẻ thành NOT_SERVING khi các lần ghi đã chờ N giây (mặc định 10) mà
                       không lần ghi bền nào xong, SERVING lại ở lần kế tiếp /
                       health goes NOT_SERVING when appends have waited N seconds (default 10)
                       with no durable write completed, SERVING again at the next
  --tls_reload_seconds N
                       đọc lại ba tệp TLS mỗi N giây (mặc định 60): chứng thư, khoá hay CA máy
                       khách mới phục vụ kết nối mới mà không cần khởi động lại /
                       re-read the three TLS files every N seconds (default 60): a renewed
                       certificate, key or client CA serves new connections without a restart
  --log_level LEVEL    debug, info (mặc định), warning hoặc error. Nhật ký là mỗi dòng một đối
                       tượng JSON trên stderr: time, level, component, msg, fields
                       (docs/operations.md); debug thêm một dòng cho mỗi cuộc gọi thành công /
                       debug, info (default), warning or error. The log is one JSON object a
                       line on stderr: time, level, component, msg, fields (docs/operations.md);
                       debug adds a line for every call that succeeded
  --config FILE        đọc tuỳ chọn từ FILE trước, mỗi dòng "tên = giá trị" (tên các cờ này bỏ
                       "--"; deploy/coopd.conf ghi đủ); cờ trên dòng lệnh thắng tệp /
                       read options from FILE first, one "name = value" a line (the names
                       of these flags without "--"; deploy/coopd.conf documents them all);
                       flags on the command line override the file
  --port_file FILE     ghi cổng đã mở vào FILE khi bắt đầu phục vụ (cho kịch bản và kiểm thử) /
                       write the bound port to FILE once serving (for scripts and tests)
  --demo               ở lần chạy đầu (thư mục dữ liệu trống), nạp lịch sử mẫu tỉnh Cà Mau
                       trước khi báo SERVING / on first start (an empty data folder), load the
                       demo history of Ca Mau province before reporting SERVING
  --help               in ra hướng dẫn này / print this text

       coopd restore EXPORT DATA_DIR
                       ngoại tuyến: điền một thư mục dữ liệu trống từ sổ đã xuất (coopctl
                       audit export), giữ nguyên vị trí và mã băm (docs/audit.md) /
                       offline: fill an empty data folder with the log of an export
                       (coopctl audit export), keeping positions and hashes (docs/audit.md)
       coopd restore-backup BACKUP DATA_DIR [--master_key FILE] [--signing_key FILE]
                       [--erasure_journal FILE | --without_erasure_journal]
                       ngoại tuyến: điền một thư mục dữ liệu mới từ bản sao lưu trực tuyến
                       (BACKUP_DIR/backups/NNNNNN); hỏi khoá chính nếu bản sao lưu không giữ
                       nó (docs/operations.md) /
                       offline: fill a new data folder from an online backup
                       (BACKUP_DIR/backups/NNNNNN); the master key is asked for unless the
                       backup holds it (docs/operations.md)
       coopd rotate-master-key DATA_DIR --old FILE --new FILE
                       ngoại tuyến: bọc lại các khoá của kho người dưới khoá chính mới /
                       offline: re-wrap the person vault's keys under a new master key

Dịch vụ / services: coop.v1.EventStore, Registry, Corrections, Programs, Planning, People,
Reporting, Audit, Admin; grpc.health.v1.Health (mở cho mọi bên gọi, để thăm dò / open to every
caller, for probes), server reflection.
SIGTERM hoặc SIGINT: sức khoẻ thành NOT_SERVING, các luồng dữ liệu đang mở kết thúc, RocksDB đóng /
SIGTERM or SIGINT: health goes NOT_SERVING, streams end, RocksDB closes.
SIGHUP: đọc lại tệp chủ thể / re-read the principals file. docs/administration.md: chủ thể,
vai trò, TLS / principals, roles, TLS.
)";
}

namespace {

bool IsSwitch(const std::string& name) {
  return name == "--demo" || name == "--allow_plaintext" || name == "--help";
}

absl::Status SetSwitch(const std::string& name, bool on, CoopdFlags* flags) {
  if (name == "--demo") {
    flags->server.demo = on;
  } else if (name == "--allow_plaintext") {
    flags->server.allow_plaintext = on;
  } else {
    flags->help = on;
  }
  return absl::OkStatus();
}

// One option that takes a value; `name` with its dashes.
absl::Status SetOption(const std::string& name, const std::string& value, CoopdFlags* flags) {
  if (name == "--data_dir") {
    if (value.empty()) return absl::InvalidArgumentError("--data_dir: must not be empty");
    flags->server.data_dir = value;
  } else if (name == "--listen") {
    if (value.rfind(':') == std::string::npos) {
      return absl::InvalidArgumentError("--listen: must be HOST:PORT, e.g. 127.0.0.1:50051");
    }
    flags->server.listen = value;
  } else if (name == "--durability") {
    if (!eventstore::ParseDurability(value, &flags->server.store.durability)) {
      return absl::InvalidArgumentError("--durability: must be sync or relaxed");
    }
  } else if (name == "--projections") {
    if (value != "on" && value != "off") {
      return absl::InvalidArgumentError("--projections: must be on or off");
    }
    flags->server.run_projections = value == "on";
  } else if (name == "--master_key_file") {
    if (value.empty()) return absl::InvalidArgumentError("--master_key_file: must not be empty");
    flags->server.master_key_file = value;
  } else if (name == "--signing_key_file") {
    if (value.empty()) return absl::InvalidArgumentError("--signing_key_file: must not be empty");
    flags->server.signing_key_file = value;
  } else if (name == "--projection_gather_ms") {
    int ms = -1;
    if (!absl::SimpleAtoi(value, &ms) || ms < 0 || ms > 1000) {
      return absl::InvalidArgumentError(
          "--projection_gather_ms: a whole number of milliseconds from 0 to 1000");
    }
    flags->server.projection_live_read_interval = absl::Milliseconds(ms);
  } else if (name == "--command_threads") {
    int threads = 0;
    if (!absl::SimpleAtoi(value, &threads) || threads < 1 || threads > 256) {
      return absl::InvalidArgumentError("--command_threads: a whole number from 1 to 256");
    }
    flags->server.command_threads = threads;
  } else if (name == "--publish_heads") {
    if (value.empty()) return absl::InvalidArgumentError("--publish_heads: must not be empty");
    flags->server.publish_heads_file = value;
  } else if (name == "--publish_heads_every") {
    int64_t seconds = 0;
    if (!absl::SimpleAtoi(value, &seconds) || seconds < 1) {
      return absl::InvalidArgumentError("--publish_heads_every: a whole number of seconds, >= 1");
    }
    flags->server.publish_heads_every = absl::Seconds(seconds);
  } else if (name == "--auth_config") {
    if (value.empty()) return absl::InvalidArgumentError("--auth_config: must not be empty");
    flags->server.auth_config = value;
  } else if (name == "--tls_cert" || name == "--tls_key" || name == "--tls_client_ca") {
    if (value.empty()) return absl::InvalidArgumentError(name + ": must not be empty");
    (name == "--tls_cert"  ? flags->server.tls_cert
     : name == "--tls_key" ? flags->server.tls_key
                           : flags->server.tls_client_ca) = value;
  } else if (name == "--backup_dir") {
    if (value.empty()) return absl::InvalidArgumentError("--backup_dir: must not be empty");
    flags->server.backup_dir = value;
  } else if (name == "--backup_keep") {
    int keep = 0;
    if (!absl::SimpleAtoi(value, &keep) || keep < 1 || keep > 1000) {
      return absl::InvalidArgumentError("--backup_keep: a whole number from 1 to 1000");
    }
    flags->server.backup_keep = static_cast<uint32_t>(keep);
  } else if (name == "--health_stall_seconds") {
    int seconds = 0;
    if (!absl::SimpleAtoi(value, &seconds) || seconds < 1 || seconds > 3600) {
      return absl::InvalidArgumentError("--health_stall_seconds: a whole number from 1 to 3600");
    }
    flags->server.health_stall_after = absl::Seconds(seconds);
  } else if (name == "--metrics_listen") {
    if (value.rfind(':') == std::string::npos) {
      return absl::InvalidArgumentError("--metrics_listen: must be HOST:PORT, e.g. 127.0.0.1:9464");
    }
    flags->server.metrics_listen = value;
  } else if (name == "--http_listen") {
    if (value.rfind(':') == std::string::npos) {
      return absl::InvalidArgumentError("--http_listen: must be HOST:PORT, e.g. 127.0.0.1:8080");
    }
    flags->server.http.listen = value;
  } else if (name == "--http_port_file") {
    flags->http_port_file = value;
  } else if (name == "--http_threads") {
    if (!absl::SimpleAtoi(value, &flags->server.http.threads) || flags->server.http.threads < 3 ||
        flags->server.http.threads > 1024) {
      return absl::InvalidArgumentError("--http_threads: a whole number from 3 to 1024");
    }
  } else if (name == "--http_max_feeds") {
    if (!absl::SimpleAtoi(value, &flags->server.http.max_feeds) ||
        flags->server.http.max_feeds < 1) {
      return absl::InvalidArgumentError("--http_max_feeds: a whole number of at least 1");
    }
  } else if (name == "--http_max_body_kib") {
    int kib = 0;
    if (!absl::SimpleAtoi(value, &kib) || kib < 1 || kib > 65536) {
      return absl::InvalidArgumentError("--http_max_body_kib: a whole number from 1 to 65536");
    }
    flags->server.http.max_body_bytes = static_cast<size_t>(kib) * 1024;
  } else if (name == "--dashboard_dir") {
    flags->server.http.dashboard_dir = value;
  } else if (name == "--port_file") {
    flags->port_file = value;
  } else if (name == "--log_level") {
    auto level = base::ParseLogLevel(value);
    if (!level.ok()) return level.status();
    flags->log_level = *level;
  } else if (name == "--tls_reload_seconds") {
    int seconds = 0;
    if (!absl::SimpleAtoi(value, &seconds) || seconds < 1 || seconds > 86400) {
      return absl::InvalidArgumentError("--tls_reload_seconds: a whole number from 1 to 86400");
    }
    flags->server.tls_reload_every = absl::Seconds(seconds);
  } else {
    return absl::InvalidArgumentError(absl::StrCat("unknown flag ", name, " (see --help)"));
  }
  return absl::OkStatus();
}

// The file's options, under those of the command line (applied after).
absl::Status ApplyConfigFile(const std::string& path, CoopdFlags* flags) {
  auto entries = ReadCoopdConfig(path);
  if (!entries.ok()) return entries.status();
  for (const ConfigEntry& entry : *entries) {
    const std::string name = "--" + entry.name;
    absl::Status applied;
    if (name == "--config" || name == "--help") {
      applied = absl::InvalidArgumentError(absl::StrCat(entry.name, " cannot be set in the file"));
    } else if (IsSwitch(name)) {
      if (entry.value != "true" && entry.value != "false") {
        applied = absl::InvalidArgumentError(absl::StrCat(entry.name, ": true or false"));
      } else {
        applied = SetSwitch(name, entry.value == "true", flags);
      }
    } else {
      applied = SetOption(name, entry.value, flags);
    }
    if (!applied.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--config ", path, ":", entry.line, ": ", applied.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CoopdFlags> ParseCoopdFlags(const std::vector<std::string>& args) {
  CoopdFlags flags;
#ifdef COOP_BUILT_DASHBOARD_DIR
  // The dashboard as this build made it (tools/dashboard's CMake target).
  flags.server.http.dashboard_dir = COOP_BUILT_DASHBOARD_DIR;
#endif
  // Split "--name=value" and "--name value" first, so that --config is found wherever it is.
  std::vector<std::pair<std::string, std::string>> given;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    if (name == "-h") name = "--help";
    if (!name.starts_with("--")) {
      return absl::InvalidArgumentError(absl::StrCat("unexpected argument '", name, "'"));
    }
    if (IsSwitch(name)) {
      given.emplace_back(name, "");
      continue;
    }
    std::string value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return absl::InvalidArgumentError(absl::StrCat(name, ": needs a value"));
    }
    if (name == "--config") {
      if (!flags.config_file.empty()) {
        return absl::InvalidArgumentError("--config: given twice");
      }
      if (value.empty()) return absl::InvalidArgumentError("--config: must not be empty");
      flags.config_file = value;
      continue;
    }
    given.emplace_back(name, value);
  }
  if (!flags.config_file.empty()) {
    if (auto st = ApplyConfigFile(flags.config_file, &flags); !st.ok()) return st;
  }
  for (const auto& [name, value] : given) {
    absl::Status applied =
        IsSwitch(name) ? SetSwitch(name, true, &flags) : SetOption(name, value, &flags);
    if (!applied.ok()) return applied;
  }
  return flags;
}

}  // namespace coop::services
