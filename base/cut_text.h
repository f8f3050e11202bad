// Text shortened for one line of output: at most a number of characters (UTF-8 characters,
// not bytes, so a Vietnamese name is never cut inside a letter), "…" marking the cut. Pure;
// thread-safe.
#ifndef COOPLEDGER_BASE_CUT_TEXT_H_
#define COOPLEDGER_BASE_CUT_TEXT_H_

#include <cstddef>
#include <string>

namespace coop::base {

// `text` itself if it has at most `max_chars` characters; otherwise its first `max_chars`
// characters and "…".
std::string CutText(const std::string& text, size_t max_chars);

}  // namespace coop::base

#endif  // COOPLEDGER_BASE_CUT_TEXT_H_
