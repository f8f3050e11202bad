// `coopd restore-backup BACKUP DATA_DIR [--master_key FILE] [--signing_key FILE]`: the
// command-line face of the offline restore of an online backup (backup/restore.h). Prints
// progress and the outcome in Vietnamese and English on stderr.
// Exit codes: 0 restored; 1 the restore failed (nothing is left in DATA_DIR); 2 bad usage.
#ifndef COOPLEDGER_SERVICES_COOPD_RESTORE_BACKUP_H_
#define COOPLEDGER_SERVICES_COOPD_RESTORE_BACKUP_H_

#include <string>
#include <vector>

namespace coop::services {

// `args` are the words after "restore-backup".
int RunCoopdRestoreBackup(const std::vector<std::string>& args);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_COOPD_RESTORE_BACKUP_H_
