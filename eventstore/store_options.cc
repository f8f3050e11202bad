#include "eventstore/store_options.h"

namespace coop::eventstore {

const char* DurabilityName(Durability d) { return d == Durability::kSync ? "sync" : "relaxed"; }

bool ParseDurability(const std::string& text, Durability* out) {
  if (text == "sync") {
    *out = Durability::kSync;
    return true;
  }
  if (text == "relaxed") {
    *out = Durability::kRelaxed;
    return true;
  }
  return false;
}

}  // namespace coop::eventstore
