// `coopd rotate-master-key DATA_DIR --old FILE --new FILE`: offline, re-wraps every person's
// data key in DATA_DIR/people under a new master key (vault/person_vault.h, RotateMasterKey).
// Prints the outcome in Vietnamese and English on stderr.
// Exit codes: 0 rotated (or rotated already); 1 it failed (the vault is wholly under the old
// key); 2 bad usage.
#ifndef COOPLEDGER_SERVICES_COOPD_ROTATE_KEY_H_
#define COOPLEDGER_SERVICES_COOPD_ROTATE_KEY_H_

#include <string>
#include <vector>

namespace coop::services {

// `args` are the words after "rotate-master-key".
int RunCoopdRotateMasterKey(const std::vector<std::string>& args);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_COOPD_ROTATE_KEY_H_
