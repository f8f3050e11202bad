// TerminalGuard: what coopctl writes to a terminal cannot drive it. Text from the server
// (names, findings, error messages) may hold control characters written before the server
// refused them, or by another client: an escape sequence could recolour, rewrite or hide
// output, and a bidirectional override could make text read differently from what it is. While
// a guard lives, every byte written to its stream passes through a filter that shows
//   C0 controls except newline and tab, and DEL    as \x1b, \x00, \x7f …
//   C1 controls (U+0080–U+009F)                     as \u0085 …
//   bidirectional controls (U+202A–E, U+2066–9)     as \u202e …
// and leaves everything else, Vietnamese text included, unchanged. JSON output is already
// escaped by the protobuf JSON printer; the guard changes nothing there.
// Not thread-safe: one guard per stream, used from one thread (coopctl's main).
#ifndef COOPLEDGER_TOOLS_COOPCTL_TERMINAL_GUARD_H_
#define COOPLEDGER_TOOLS_COOPCTL_TERMINAL_GUARD_H_

#include <ostream>
#include <streambuf>
#include <string>

namespace coop::coopctl {

// Standard error without the filter, for coopctl's own progress lines, which redraw
// themselves with a carriage return and hold no text from the server. Not thread-safe.
std::ostream& ProgressOut();

// The filter alone, on a whole string (for tests and one-off text).
std::string EscapeTerminalControls(const std::string& text);

class TerminalGuard {
 public:
  // Filters `stream` until destroyed; then puts its own buffer back.
  explicit TerminalGuard(std::ostream& stream);
  ~TerminalGuard();
  TerminalGuard(const TerminalGuard&) = delete;
  TerminalGuard& operator=(const TerminalGuard&) = delete;

 private:
  class FilterBuffer;
  std::ostream& stream_;
  std::streambuf* original_;
  FilterBuffer* filter_;
};

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_TERMINAL_GUARD_H_
