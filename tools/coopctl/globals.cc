// The options every subcommand accepts: the server, output, deadline, TLS and the token.
#include <cstdlib>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/uuid.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/input_file.h"

namespace coop::coopctl {
namespace {

// "30" and "1.5" are seconds; "500ms", "2m", "1m30s" use absl's duration syntax.
absl::StatusOr<absl::Duration> ParseTimeout(const std::string& text) {
  absl::Duration duration;
  double seconds = 0;
  bool ok = false;
  if (absl::SimpleAtod(text, &seconds)) {
    duration = absl::Seconds(seconds);
    ok = true;
  } else {
    ok = absl::ParseDuration(text, &duration);
  }
  if (!ok || duration <= absl::ZeroDuration() || duration == absl::InfiniteDuration()) {
    return UsageError(absl::StrCat(
        "--timeout: expected a positive duration like 30, 2.5 or 500ms, got '", text, "'"));
  }
  return duration;
}

// The content of the file an option names; a usage error without usage text if unreadable.
absl::StatusOr<std::string> ReadOptionFile(const std::string& option, const std::string& path) {
  absl::StatusOr<std::string> text = ReadInputFile(path);
  if (!text.ok()) {
    return UsageError(ViEn(absl::StrCat("--", option, ": không đọc được tệp '", path, "'"),
                           absl::StrCat("--", option, ": ", text.status().message())),
                      false);
  }
  return text;
}

// A token goes into a header: printable ASCII without spaces.
absl::Status CheckToken(const std::string& token, const std::string& source) {
  if (token.empty()) {
    return UsageError(ViEn(absl::StrCat(source, ": mã truy cập trống"),
                           absl::StrCat(source, ": the token is empty")),
                      false);
  }
  for (char c : token) {
    if (c < 0x21 || c > 0x7e) {
      return UsageError(
          ViEn(absl::StrCat(source,
                            ": mã truy cập chứa khoảng trắng hoặc ký tự không gửi được trong "
                            "tiêu đề"),
               absl::StrCat(source,
                            ": the token holds a space or a character that cannot be sent in a "
                            "header")),
          false);
    }
  }
  return absl::OkStatus();
}

// The first line of --token_file, trimmed.
absl::StatusOr<std::string> TokenFromFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadOptionFile("token_file", path);
  if (!text.ok()) return text.status();
  const std::string token(absl::StripAsciiWhitespace(text->substr(0, text->find('\n'))));
  const std::string source = absl::StrCat("--token_file '", path, "'");
  if (token.empty()) {
    return UsageError(ViEn(absl::StrCat(source, ": tệp trống, hoặc dòng đầu không có mã truy cập"),
                           absl::StrCat(source,
                                        ": the file is empty, or its first line holds no "
                                        "token")),
                      false);
  }
  if (absl::Status checked = CheckToken(token, source); !checked.ok()) return checked;
  return token;
}

// --tls_ca, --tls_cert, --tls_key, --tls_server_name.
absl::Status ReadTls(const ParsedArgs& args, Globals* globals) {
  const bool has_cert = args.Has("tls_cert");
  const bool has_key = args.Has("tls_key");
  if (has_cert != has_key) {
    return UsageError(
        ViEn("--tls_cert và --tls_key phải đi cùng nhau (chứng thư máy khách và "
             "khóa riêng của nó)",
             "--tls_cert and --tls_key go together (the client certificate and its "
             "private key)"));
  }
  if (auto path = args.Get("tls_ca")) {
    absl::StatusOr<std::string> pem = ReadOptionFile("tls_ca", *path);
    if (!pem.ok()) return pem.status();
    globals->tls_ca_pem = *std::move(pem);
    globals->tls = true;
  }
  if (has_cert) {
    absl::StatusOr<std::string> cert = ReadOptionFile("tls_cert", *args.Get("tls_cert"));
    if (!cert.ok()) return cert.status();
    absl::StatusOr<std::string> key = ReadOptionFile("tls_key", *args.Get("tls_key"));
    if (!key.ok()) return key.status();
    globals->tls_cert_pem = *std::move(cert);
    globals->tls_key_pem = *std::move(key);
    globals->tls = true;
  }
  if (auto name = args.Get("tls_server_name")) {
    if (name->empty()) {
      return UsageError(ViEn("--tls_server_name: cần một tên máy",
                             "--tls_server_name: expected a "
                             "host name"));
    }
    if (!globals->tls) {
      return UsageError(ViEn("--tls_server_name chỉ dùng với TLS: thêm --tls_ca TỆP",
                             "--tls_server_name applies to TLS only: add --tls_ca FILE"));
    }
    globals->tls_server_name = *name;
  }
  return absl::OkStatus();
}

// --token_file, else $COOP_TOKEN (unset or blank: no token).
absl::Status ReadToken(const ParsedArgs& args, Globals* globals) {
  if (auto path = args.Get("token_file")) {
    absl::StatusOr<std::string> token = TokenFromFile(*path);
    if (!token.ok()) return token.status();
    globals->token = *std::move(token);
    return absl::OkStatus();
  }
  const char* value = std::getenv(kTokenEnvironmentVariable);
  if (value == nullptr) return absl::OkStatus();
  const std::string token(absl::StripAsciiWhitespace(value));
  if (token.empty()) return absl::OkStatus();
  if (absl::Status checked = CheckToken(token, kTokenEnvironmentVariable); !checked.ok()) {
    return checked;
  }
  globals->token = token;
  return absl::OkStatus();
}

// --request_id, checked as the server checks it, or one made here.
absl::Status ReadRequestId(const ParsedArgs& args, Globals* globals) {
  auto given = args.Get("request_id");
  if (!given) {
    globals->request_id = "coopctl-";
    for (char c : base::NewRandomUuid()) {
      if (globals->request_id.size() == 22) break;
      if (c != '-') globals->request_id.push_back(c);
    }
    return absl::OkStatus();
  }
  bool usable = !given->empty() && given->size() <= 64;
  for (char c : *given) {
    usable = usable && (absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' ||
                        c == '_' || c == ':' || c == '-');
  }
  if (!usable) {
    return UsageError(ViEn("--request_id: 1 đến 64 ký tự A-Z, a-z, 0-9, . _ : -",
                           "--request_id: 1 to 64 characters of A-Z, a-z, 0-9, . _ : -"));
  }
  globals->request_id = *given;
  return absl::OkStatus();
}

}  // namespace

const std::vector<OptionSpec>& GlobalOptionSpecs() {
  static const std::vector<OptionSpec> specs = {
      {"server", true, false},
      {"json", false, false},
      {"lang", true, false},
      {"timeout", true, false},
      {"tls_ca", true, false},
      {"tls-ca", true, false, "tls_ca"},
      {"tls_cert", true, false},
      {"tls-cert", true, false, "tls_cert"},
      {"tls_key", true, false},
      {"tls-key", true, false, "tls_key"},
      {"tls_server_name", true, false},
      {"tls-server-name", true, false, "tls_server_name"},
      {"token_file", true, false},
      {"token-file", true, false, "token_file"},
      {"request_id", true, false},
      {"request-id", true, false, "request_id"},
      {"help", false, false},
  };
  return specs;
}

absl::StatusOr<Globals> GlobalsFrom(const ParsedArgs& args) {
  Globals globals;
  if (auto server = args.Get("server")) {
    if (server->empty()) return UsageError("--server: expected host:port");
    globals.server = *server;
  }
  globals.json = args.Has("json");
  if (auto lang = args.Get("lang")) {
    if (*lang != "vi" && *lang != "en") {
      return UsageError(
          ViEn(absl::StrCat("--lang: \"", *lang, "\" không phải ngôn ngữ; dùng vi hoặc en"),
               absl::StrCat("--lang: \"", *lang, "\" is not a language; use vi or en")));
    }
    globals.lang = *lang;
  }
  if (auto text = args.Get("timeout")) {
    absl::StatusOr<absl::Duration> timeout = ParseTimeout(*text);
    if (!timeout.ok()) return timeout.status();
    globals.timeout = *timeout;
  }
  if (absl::Status id = ReadRequestId(args, &globals); !id.ok()) return id;
  if (absl::Status tls = ReadTls(args, &globals); !tls.ok()) return tls;
  if (absl::Status token = ReadToken(args, &globals); !token.ok()) return token;
  if (!globals.token.empty() && !globals.tls && !IsLocalTarget(globals.server)) {
    return UsageError(
        ViEn(absl::StrCat("không gửi mã truy cập không mã hóa tới '", globals.server,
                          "' (không phải máy này): dùng TLS (--tls_ca TỆP)"),
             absl::StrCat("refusing to send the token in plaintext to '", globals.server,
                          "' (not this machine): use TLS (--tls_ca FILE)")),
        false);
  }
  return globals;
}

absl::Status RefuseTokenFlag(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (arg == "--") break;
    if (arg == "--token" || absl::StartsWith(arg, "--token=")) {
      return UsageError(
          ViEn("không nhận mã truy cập qua cờ --token: giá trị của cờ hiện ra trong `ps` và "
               "trong lịch sử shell. Hãy dùng --token_file TỆP (dòng đầu của tệp) hoặc biến "
               "môi trường COOP_TOKEN.",
               "a token is not accepted as a flag (--token): flag values show in `ps` and in "
               "shell history. Use --token_file FILE (its first line) or the environment "
               "variable COOP_TOKEN."),
          false);
    }
  }
  return absl::OkStatus();
}

}  // namespace coop::coopctl
