// The global TLS and token options: parsed into Globals, files read, the token taken from
// --token_file or COOP_TOKEN and never from a flag's value, and each mistake a usage error.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/coopctl/args.h"
#include "tools/coopctl/cli.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/connection.h"

namespace coop::coopctl {
namespace {

// A fresh folder, removed at the end; COOP_TOKEN unset during the test and restored after.
class CredentialFlagsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "coopctl-flags-XXXXXX");
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    if (const char* token = getenv(kTokenEnvironmentVariable)) saved_token_ = token;
    unsetenv(kTokenEnvironmentVariable);
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    if (saved_token_) {
      setenv(kTokenEnvironmentVariable, saved_token_->c_str(), 1);
    } else {
      unsetenv(kTokenEnvironmentVariable);
    }
  }

  std::string Write(const std::string& name, const std::string& content) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    chmod(path.c_str(), 0600);
    return path;
  }

  std::string dir_;
  std::optional<std::string> saved_token_;
};

// Globals from a command line of global options.
absl::StatusOr<Globals> Parse(const std::vector<std::string>& args) {
  absl::StatusOr<ParsedArgs> parsed = ParseArgs(args, GlobalOptionSpecs());
  if (!parsed.ok()) return parsed.status();
  return GlobalsFrom(*parsed);
}

// A usage error's message; a note if `status` is OK or another error.
std::string UsageMessage(const absl::Status& status) {
  if (status.ok()) return "OK";
  if (!IsUsageError(status)) return absl::StrCat("not a usage error: ", status.ToString());
  return std::string(status.message());
}

TEST_F(CredentialFlagsTest, NoTlsNoTokenByDefault) {
  absl::StatusOr<Globals> globals = Parse({});
  ASSERT_TRUE(globals.ok()) << globals.status();
  EXPECT_FALSE(globals->tls);
  EXPECT_EQ(globals->token, "");
  EXPECT_EQ(globals->server, kDefaultServer);
}

TEST_F(CredentialFlagsTest, TokenFlagIsRefusedInEveryForm) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--token", "coop_secret", "info"},
           {"--token=coop_secret", "info"},
           {"info", "--token", "coop_secret"},
           {"--server", "127.0.0.1:1", "info", "--token=coop_secret"},
           {"--token"}}) {
    absl::Status status = RefuseTokenFlag(args);
    EXPECT_TRUE(IsUsageError(status)) << status;
    EXPECT_FALSE(ShowsUsage(status));
    // Vietnamese, then English; both explain why and point at the alternatives.
    EXPECT_TRUE(absl::StrContains(status.message(), "không nhận mã truy cập qua cờ --token"))
        << status.message();
    EXPECT_TRUE(
        absl::StrContains(status.message(), "flag values show in `ps` and in shell history"))
        << status.message();
    EXPECT_TRUE(absl::StrContains(status.message(), "--token_file FILE")) << status.message();
    EXPECT_TRUE(absl::StrContains(status.message(), "COOP_TOKEN")) << status.message();
    EXPECT_FALSE(absl::StrContains(status.message(), "coop_secret")) << status.message();
    // Exit code 2 before any call (nothing listens on port 1).
    std::vector<std::string> with_server = {"--server", "127.0.0.1:1"};
    with_server.insert(with_server.end(), args.begin(), args.end());
    EXPECT_EQ(RunCli(with_server), kExitUsage);
  }
  // Not the token: other options that start alike, and anything after "--".
  EXPECT_TRUE(RefuseTokenFlag({"--token_file", "f", "info"}).ok());
  EXPECT_TRUE(RefuseTokenFlag({"--token-file=f", "info"}).ok());
  EXPECT_TRUE(RefuseTokenFlag({"import", "--", "--token"}).ok());
}

TEST_F(CredentialFlagsTest, TokenFileFirstLineTrimmed) {
  const std::string path = Write("token", "  coop_abc123\t\r\nsecond line\n");
  absl::StatusOr<Globals> globals = Parse({"--token_file", path});
  ASSERT_TRUE(globals.ok()) << globals.status();
  EXPECT_EQ(globals->token, "coop_abc123");
  // The '-' spelling, and --token_file wins over COOP_TOKEN.
  setenv(kTokenEnvironmentVariable, "coop_from_env", 1);
  globals = Parse({"--token-file=" + path});
  ASSERT_TRUE(globals.ok()) << globals.status();
  EXPECT_EQ(globals->token, "coop_abc123");
}

TEST_F(CredentialFlagsTest, TokenFromTheEnvironment) {
  setenv(kTokenEnvironmentVariable, " coop_from_env\n", 1);
  absl::StatusOr<Globals> globals = Parse({});
  ASSERT_TRUE(globals.ok()) << globals.status();
  EXPECT_EQ(globals->token, "coop_from_env");
  // Set but blank: no token.
  setenv(kTokenEnvironmentVariable, "  ", 1);
  globals = Parse({});
  ASSERT_TRUE(globals.ok()) << globals.status();
  EXPECT_EQ(globals->token, "");
  // A token that cannot go into a header.
  setenv(kTokenEnvironmentVariable, "coop_a b", 1);
  EXPECT_EQ(UsageMessage(Parse({}).status()),
            "COOP_TOKEN: mã truy cập chứa khoảng trắng hoặc ký tự không gửi được trong tiêu đề\n"
            "       COOP_TOKEN: the token holds a space or a character that cannot be sent in a "
            "header");
}

TEST_F(CredentialFlagsTest, EmptyOrMissingTokenFileIsRefused) {
  for (const std::string& content : {std::string(""), std::string("\n"), std::string("  \nx\n")}) {
    const std::string path = Write("empty", content);
    absl::Status status = Parse({"--token_file", path}).status();
    EXPECT_EQ(
        UsageMessage(status),
        absl::StrCat("--token_file '", path,
                     "': tệp trống, hoặc dòng đầu không có mã truy cập\n       --token_file '",
                     path, "': the file is empty, or its first line holds no token"));
    EXPECT_FALSE(ShowsUsage(status));
  }
  const std::string missing = dir_ + "/missing";
  EXPECT_EQ(UsageMessage(Parse({"--token_file", missing}).status()),
            absl::StrCat("--token_file: không đọc được tệp '", missing,
                         "'\n       --token_file: cannot open '", missing,
                         "': No such file or directory"));
}

TEST_F(CredentialFlagsTest, TlsFilesAreRead) {
  const std::string ca = Write("ca.pem", "CA PEM");
  const std::string cert = Write("cert.pem", "CERT PEM");
  const std::string key = Write("key.pem", "KEY PEM");
  absl::StatusOr<Globals> globals = Parse(
      {"--tls_ca", ca, "--tls_cert", cert, "--tls-key", key, "--tls_server_name", "coopd.example"});
  ASSERT_TRUE(globals.ok()) << globals.status();
  EXPECT_TRUE(globals->tls);
  EXPECT_EQ(globals->tls_ca_pem, "CA PEM");
  EXPECT_EQ(globals->tls_cert_pem, "CERT PEM");
  EXPECT_EQ(globals->tls_key_pem, "KEY PEM");
  EXPECT_EQ(globals->tls_server_name, "coopd.example");

  globals = Parse({"--tls_ca", ca});  // server verified, no client certificate
  ASSERT_TRUE(globals.ok()) << globals.status();
  EXPECT_TRUE(globals->tls);
  EXPECT_EQ(globals->tls_cert_pem, "");

  globals = Parse({"--tls_cert", cert, "--tls_key", key});  // default roots
  ASSERT_TRUE(globals.ok()) << globals.status();
  EXPECT_TRUE(globals->tls);
  EXPECT_EQ(globals->tls_ca_pem, "");
}

TEST_F(CredentialFlagsTest, TlsMistakes) {
  const std::string cert = Write("cert.pem", "CERT PEM");
  const std::string pair_message =
      "--tls_cert và --tls_key phải đi cùng nhau (chứng thư máy khách và khóa riêng của nó)\n"
      "       --tls_cert and --tls_key go together (the client certificate and its private key)";
  EXPECT_EQ(UsageMessage(Parse({"--tls_cert", cert}).status()), pair_message);
  EXPECT_EQ(UsageMessage(Parse({"--tls_key", cert}).status()), pair_message);
  EXPECT_EQ(UsageMessage(Parse({"--tls_server_name", "coopd.example"}).status()),
            "--tls_server_name chỉ dùng với TLS: thêm --tls_ca TỆP\n"
            "       --tls_server_name applies to TLS only: add --tls_ca FILE");
  absl::Status unreadable = Parse({"--tls_ca", dir_ + "/none.pem"}).status();
  EXPECT_TRUE(IsUsageError(unreadable)) << unreadable;
  EXPECT_FALSE(ShowsUsage(unreadable));
  EXPECT_TRUE(absl::StrContains(unreadable.message(), "--tls_ca: cannot open")) << unreadable;
  // Before the subcommand too, in either spelling; exit code 2 without a server.
  EXPECT_EQ(RunCli({"--server", "127.0.0.1:1", "--tls-cert", cert, "info"}), kExitUsage);
  EXPECT_EQ(RunCli({"--server", "127.0.0.1:1", "--tls_cert=" + cert, "info"}), kExitUsage);
}

TEST_F(CredentialFlagsTest, NoPlaintextTokenToAnotherMachine) {
  setenv(kTokenEnvironmentVariable, "coop_abc", 1);
  for (const std::string server :
       {"127.0.0.1:50051", "localhost:50051", "[::1]:50051", "ipv4:127.0.0.2:7", "unix:/tmp/s"}) {
    absl::StatusOr<Globals> globals = Parse({"--server", server});
    EXPECT_TRUE(globals.ok()) << server << ": " << globals.status();
  }
  absl::Status status = Parse({"--server", "10.0.0.5:50051"}).status();
  EXPECT_EQ(UsageMessage(status),
            "không gửi mã truy cập không mã hóa tới '10.0.0.5:50051' (không phải máy này): dùng "
            "TLS (--tls_ca TỆP)\n"
            "       refusing to send the token in plaintext to '10.0.0.5:50051' (not this "
            "machine): use TLS (--tls_ca FILE)");
  const std::string ca = Write("ca.pem", "CA PEM");
  EXPECT_TRUE(Parse({"--server", "coopd.example:443", "--tls_ca", ca}).ok());
  unsetenv(kTokenEnvironmentVariable);
  EXPECT_TRUE(Parse({"--server", "10.0.0.5:50051"}).ok());  // no token: nothing to leak
}

TEST(IsLocalTargetTest, Loopback) {
  for (const char* target :
       {"127.0.0.1:50051", "127.1.2.3:1", "localhost:50051", "LOCALHOST", "[::1]:50051", "::1",
        "dns:///localhost:50051", "ipv6:[::1]:5", "unix:/run/coopd.sock", "unix-abstract:coopd"}) {
    EXPECT_TRUE(IsLocalTarget(target)) << target;
  }
  for (const char* target : {"10.0.0.5:50051", "coopd.example:443", "127.example.com:1",
                             "[2001:db8::1]:50051", "dns:///coopd.example:443", "0.0.0.0:50051"}) {
    EXPECT_FALSE(IsLocalTarget(target)) << target;
  }
}

}  // namespace
}  // namespace coop::coopctl
