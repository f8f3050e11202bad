// coopd: the coopledger server. Parses flags, starts CoopServer, waits for SIGTERM/SIGINT
// (shuts down cleanly) and SIGHUP (re-reads the principals file). `coopd restore EXPORT
// DATA_DIR` instead fills an empty data folder from an export, offline (coopd_restore.h);
// `coopd restore-backup BACKUP DATA_DIR` from an online backup (coopd_restore_backup.h);
// `coopd rotate-master-key` re-wraps the vault's keys (coopd_rotate_key.h).
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "base/json_log.h"
#include "services/coopd_flags.h"
#include "services/coopd_restore.h"
#include "services/coopd_restore_backup.h"
#include "services/coopd_rotate_key.h"
#include "services/server.h"

int main(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "restore") {
    return coop::services::RunCoopdRestore(std::vector<std::string>(argv + 2, argv + argc));
  }
  if (argc >= 2 && std::string(argv[1]) == "restore-backup") {
    return coop::services::RunCoopdRestoreBackup(std::vector<std::string>(argv + 2, argv + argc));
  }
  if (argc >= 2 && std::string(argv[1]) == "rotate-master-key") {
    return coop::services::RunCoopdRotateMasterKey(std::vector<std::string>(argv + 2, argv + argc));
  }
  auto flags = coop::services::ParseCoopdFlags(std::vector<std::string>(argv + 1, argv + argc));
  if (!flags.ok()) {
    std::cerr << "coopd: " << flags.status().message() << "\n\n" << coop::services::CoopdUsage();
    return 2;
  }
  if (flags->help) {
    std::cout << coop::services::CoopdUsage();
    return 0;
  }
  // Debian's Abseil is built with its mutex deadlock detection on, which records every lock
  // acquisition in a graph (perf: GraphCycles on the subscription and append threads). The
  // tests keep it, so a lock-order fault still shows there; the server does without.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  // Block the stop signals in every thread; the main thread waits for them with sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // The server's log: one JSON object a line on stderr (base/json_log.h), which systemd's
  // journal and container runtimes collect as they are.
  const coop::base::JsonLog log(&std::cerr, flags->log_level);
  flags->server.log = &log;
  auto server = coop::services::CoopServer::Start(flags->server);
  if (!server.ok()) {
    log.Error("server", "không khởi động được / cannot start",
              {{"code", absl::StatusCodeToString(server.status().code())},
               {"error", server.status().message()}});
    return 1;
  }
  auto info = (*server)->store().GetLogInfo();
  log.Info("server", "đang phục vụ / serving",
           {{"address", (*server)->address()},
            {"data_dir", flags->server.data_dir},
            {"durability", info.durability()},
            {"head_position", info.head_position()},
            {"access", (*server)->access_summary()},
            {"config", flags->config_file}});
  if (const auto* http = (*server)->http_face(); http != nullptr) {
    log.Info("http", "giao diện HTTP đang phục vụ / the HTTP face is serving",
             {{"url", absl::StrCat(
                          http->tls() ? "https://" : "http://",
                          flags->server.http.listen.substr(0, flags->server.http.listen.rfind(':')),
                          ":", http->port(), "/")},
              {"threads", http->threads()},
              {"max_feeds", http->max_feeds()},
              {"dashboard", http->serves_dashboard() ? flags->server.http.dashboard_dir
                                                     : std::string("(none)")}});
  }
  if (!flags->port_file.empty()) {
    const std::string tmp = flags->port_file + ".tmp";
    std::ofstream(tmp) << (*server)->port() << "\n";
    std::rename(tmp.c_str(), flags->port_file.c_str());
  }
  if (!flags->http_port_file.empty() && (*server)->http_face() != nullptr) {
    const std::string tmp = flags->http_port_file + ".tmp";
    std::ofstream(tmp) << (*server)->http_face()->port() << "\n";
    std::rename(tmp.c_str(), flags->http_port_file.c_str());
  }
  int signal_number = 0;
  // SIGHUP re-reads the principals file; SIGTERM and SIGINT stop.
  while (sigwait(&stop_signals, &signal_number) == 0 && signal_number == SIGHUP) {
    log.Info("server", "SIGHUP: đọc lại tệp chủ thể / re-reading the principals file");
    (*server)->gate().RequestReload();
  }
  log.Info("server", "đang dừng / shutting down",
           {{"signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT"}});
  (*server)->Shutdown();
  log.Info("server", "đã dừng / stopped");
  return 0;
}
