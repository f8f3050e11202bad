// `coopd restore EXPORT DATA_DIR`: the command-line face of the offline restore
// (log_restore.h). Prints progress and the outcome in Vietnamese and English on stderr.
// Exit codes: 0 restored; 1 the restore failed (the folder is left as it was); 2 bad usage.
#ifndef COOPLEDGER_SERVICES_COOPD_RESTORE_H_
#define COOPLEDGER_SERVICES_COOPD_RESTORE_H_

#include <string>
#include <vector>

namespace coop::services {

// `args` are the words after "restore".
int RunCoopdRestore(const std::vector<std::string>& args);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_COOPD_RESTORE_H_
