#include "tools/coopctl/terminal_guard.h"

#include <cstdio>
#include <iostream>
#include <sstream>

namespace coop::coopctl {

// Passes bytes to `out`, escaping controls; holds at most two bytes of a possible UTF-8
// sequence for a C1 or bidirectional control until its last byte arrives.
class TerminalGuard::FilterBuffer : public std::streambuf {
 public:
  explicit FilterBuffer(std::streambuf* out) : out_(out) {}
  ~FilterBuffer() override { FlushPending(); }

 protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    Put(static_cast<unsigned char>(ch));
    return ch;
  }
  int sync() override { return out_->pubsync(); }

 private:
  void Raw(const std::string& bytes) { out_->sputn(bytes.data(), bytes.size()); }
  void Escaped(const char* format, unsigned value) {
    char text[16];
    std::snprintf(text, sizeof(text), format, value);
    Raw(text);
  }
  void FlushPending() {
    Raw(pending_);
    pending_.clear();
  }

  void Put(unsigned char c) {
    if (pending_.empty()) {
      if (c == 0xC2 || c == 0xE2) {
        pending_.push_back(static_cast<char>(c));
      } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
        Escaped("\\x%02x", c);
      } else {
        out_->sputc(static_cast<char>(c));
      }
      return;
    }
    const auto first = static_cast<unsigned char>(pending_[0]);
    if (first == 0xC2) {  // U+0080–U+00BF
      pending_.clear();
      if (c >= 0x80 && c <= 0x9F) {
        Escaped("\\u%04x", c);
      } else {
        out_->sputc(static_cast<char>(0xC2));
        Put(c);
      }
      return;
    }
    if (pending_.size() == 1) {  // after E2: U+2000–U+207F start with 80 or 81
      if (c == 0x80 || c == 0x81) {
        pending_.push_back(static_cast<char>(c));
      } else {
        FlushPending();
        Put(c);
      }
      return;
    }
    const unsigned second = static_cast<unsigned char>(pending_[1]);
    const unsigned code = 0x2000 + ((second & 0x3F) << 6) + (c & 0x3F);
    if ((c & 0xC0) == 0x80 &&
        ((code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069))) {
      pending_.clear();
      Escaped("\\u%04x", code);
      return;
    }
    FlushPending();
    Put(c);
  }

  std::streambuf* out_;
  std::string pending_;
};

namespace {
std::streambuf* unfiltered_stderr = nullptr;  // std::cerr's own buffer while guarded
}  // namespace

std::ostream& ProgressOut() {
  static std::ostream out(nullptr);
  std::cerr.flush();
  out.rdbuf(unfiltered_stderr != nullptr ? unfiltered_stderr : std::cerr.rdbuf());
  return out;
}

TerminalGuard::TerminalGuard(std::ostream& stream)
    : stream_(stream), original_(stream.rdbuf()), filter_(new FilterBuffer(original_)) {
  if (&stream_ == &std::cerr) unfiltered_stderr = original_;
  stream_.rdbuf(filter_);
}

TerminalGuard::~TerminalGuard() {
  stream_.flush();
  if (&stream_ == &std::cerr) unfiltered_stderr = nullptr;
  stream_.rdbuf(original_);
  delete filter_;  // writes any byte it still held
  stream_.flush();
}

std::string EscapeTerminalControls(const std::string& text) {
  std::ostringstream out;
  {
    TerminalGuard guard(out);
    out << text;
  }
  return out.str();
}

}  // namespace coop::coopctl
