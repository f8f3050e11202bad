// coop-golden: writes the canonical dump of a running coopd's statistics and cooperatives
// (statistics_dump.h) to a file, once its projections have caught up with the log head; a
// golden file to compare a rewrite of the projections with (tests/golden/README.md).
//   coop-golden --server HOST:PORT --out FILE [--years 2015-2026] [--districts N]
//               [--communes N] [--cooperatives N] [--wait SECONDS] [--timeout SECONDS]
//               [--tls_ca FILE] [--token_file FILE]
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "tools/golden/projection_wait.h"
#include "tools/golden/statistics_dump.h"

namespace coop::golden {
namespace {

constexpr char kUsage[] =
    "Cách dùng / usage: coop-golden --server HOST:PORT --out FILE [--years 2015-2026]\n"
    "        [--districts N] [--communes N] [--cooperatives N] [--wait SECONDS]\n"
    "        [--timeout SECONDS] [--tls_ca FILE] [--token_file FILE]\n"
    "\n"
    "Chờ các phép chiếu của coopd bắt kịp đầu nhật ký, rồi ghi vào FILE bản kết xuất chuẩn:\n"
    "số liệu thống kê năm của cả nước, mọi tỉnh, các huyện và xã của tỉnh có số liệu, theo cả\n"
    "hai bộ đơn vị (2025-03, 2025-07), và trạng thái hiện tại của các HTX. Cùng một nhật ký\n"
    "cho cùng một tệp (tools/golden/README.md).\n"
    "Waits until coopd's projections have caught up with the log head, then writes to FILE the\n"
    "canonical dump: the annual statistics of the nation, every province, and the districts\n"
    "and communes of the provinces with data, in both unit sets (2025-03, 2025-07), and the\n"
    "current state of the cooperatives. The same log gives the same file.\n"
    "\n"
    "  --server HOST:PORT  máy chủ / the server (mặc định / default 127.0.0.1:50051)\n"
    "  --out FILE          tệp ghi ra, - là đầu ra chuẩn / the file to write, - for stdout\n"
    "  --years FIRST-LAST  các năm / the years (mặc định / default 2015-2026)\n"
    "  --districts N       số huyện mỗi bộ đơn vị, lấy cách đều / districts per unit set,\n"
    "                      evenly spaced (mặc định: tất cả / default: all)\n"
    "  --communes N        số xã mỗi bộ đơn vị / communes per unit set (mặc định / default all)\n"
    "  --cooperatives N    số HTX, cách đều theo mã / cooperatives, evenly spaced by id\n"
    "                      (mặc định / default all)\n"
    "  --wait SECONDS      chờ phép chiếu tối đa / wait for the projections at most (600)\n"
    "  --timeout SECONDS   thời hạn mỗi lời gọi / deadline of each call (60)\n"
    "  --tls_ca FILE       dùng TLS, tin các chứng thư này (PEM) / TLS, trusting these CAs\n"
    "  --token_file FILE   mã truy cập (hoặc biến môi trường COOP_TOKEN) / bearer token\n"
    "                      (or the COOP_TOKEN environment variable)\n";

struct Flags {
  std::string server = "127.0.0.1:50051";
  std::string out;
  std::string tls_ca_file;
  std::string token_file;
  int64_t wait_seconds = 600;
  int64_t timeout_seconds = 60;
  DumpOptions dump;
};

// "lỗi: <vi>\n      error: <en>" on stderr; exit code `code`.
int Fail(int code, const std::string& vi, const std::string& en) {
  std::cerr << "coop-golden: lỗi: " << vi << "\n             error: " << en << "\n";
  if (code == 2) std::cerr << "\n" << kUsage;
  return code;
}

bool ReadFile(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream all;
  all << in.rdbuf();
  *text = all.str();
  return true;
}

// A count: "all" or a non-negative number.
bool ParseCount(const std::string& text, int64_t* n) {
  if (text == "all") {
    *n = kAll;
    return true;
  }
  return absl::SimpleAtoi(text, n) && *n >= 0;
}

// The flags, or a (Vietnamese, English) message saying what is wrong.
std::optional<std::pair<std::string, std::string>> Parse(int argc, char** argv, Flags* flags) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    }
    if (i + 1 >= argc) {
      return std::make_pair(absl::StrCat("thiếu giá trị hoặc tham số lạ: ", arg),
                            absl::StrCat("a value is missing or the argument is unknown: ", arg));
    }
    const std::string value = argv[++i];
    if (arg == "--server") {
      flags->server = value;
    } else if (arg == "--out") {
      flags->out = value;
    } else if (arg == "--tls_ca") {
      flags->tls_ca_file = value;
    } else if (arg == "--token_file") {
      flags->token_file = value;
    } else if (arg == "--years") {
      std::vector<std::string> parts = absl::StrSplit(value, '-');
      if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &flags->dump.first_year) ||
          !absl::SimpleAtoi(parts[1], &flags->dump.last_year)) {
        return std::make_pair("--years phải có dạng ĐẦU-CUỐI, ví dụ 2015-2026",
                              "--years must be FIRST-LAST, e.g. 2015-2026");
      }
    } else if (arg == "--districts" || arg == "--communes" || arg == "--cooperatives") {
      int64_t* n = arg == "--districts"  ? &flags->dump.districts
                   : arg == "--communes" ? &flags->dump.communes
                                         : &flags->dump.cooperatives;
      if (!ParseCount(value, n)) {
        return std::make_pair(absl::StrCat(arg, " phải là một số không âm hoặc all"),
                              absl::StrCat(arg, " must be a non-negative number or all"));
      }
    } else if (arg == "--wait" || arg == "--timeout") {
      int64_t* seconds = arg == "--wait" ? &flags->wait_seconds : &flags->timeout_seconds;
      if (!absl::SimpleAtoi(value, seconds) || *seconds <= 0) {
        return std::make_pair(absl::StrCat(arg, " phải là số giây dương"),
                              absl::StrCat(arg, " must be a positive number of seconds"));
      }
    } else {
      return std::make_pair(absl::StrCat("tham số lạ: ", arg),
                            absl::StrCat("unknown argument: ", arg));
    }
  }
  if (flags->out.empty()) return std::make_pair("cần --out FILE", "--out FILE is required");
  return std::nullopt;
}

int Run(int argc, char** argv) {
  Flags flags;
  if (auto wrong = Parse(argc, argv, &flags)) return Fail(2, wrong->first, wrong->second);
  std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
  if (!flags.tls_ca_file.empty()) {
    grpc::SslCredentialsOptions ssl;
    if (!ReadFile(flags.tls_ca_file, &ssl.pem_root_certs)) {
      return Fail(2, absl::StrCat("không đọc được ", flags.tls_ca_file),
                  absl::StrCat("cannot read ", flags.tls_ca_file));
    }
    credentials = grpc::SslCredentials(ssl);
  }
  std::string token;
  if (!flags.token_file.empty()) {
    if (!ReadFile(flags.token_file, &token)) {
      return Fail(2, absl::StrCat("không đọc được ", flags.token_file),
                  absl::StrCat("cannot read ", flags.token_file));
    }
  } else if (const char* env = std::getenv("COOP_TOKEN")) {
    token = env;
  }
  token = std::string(absl::StripAsciiWhitespace(token));
  if (!token.empty()) flags.dump.call.authorization = absl::StrCat("Bearer ", token);
  flags.dump.call.timeout = absl::Seconds(flags.timeout_seconds);
  flags.dump.progress = [](const std::string& what) {
    std::cerr << "coop-golden: " << what << "\n";
  };

  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  auto channel = grpc::CreateCustomChannel(flags.server, credentials, args);
  const absl::Time started = absl::Now();
  auto head = WaitForProjections(channel, flags.dump.call,
                                 WaitOptions{.timeout = absl::Seconds(flags.wait_seconds)});
  if (!head.ok()) {
    return Fail(1, absl::StrCat("các phép chiếu chưa sẵn sàng: ", head.status().ToString()),
                absl::StrCat("the projections are not ready: ", head.status().ToString()));
  }
  std::cerr << "coop-golden: các phép chiếu ở đầu nhật ký / projections at the log head " << *head
            << "\n";
  auto dump = DumpStatistics(channel, flags.dump);
  if (!dump.ok()) {
    return Fail(1, absl::StrCat("kết xuất thất bại: ", dump.status().ToString()),
                absl::StrCat("the dump failed: ", dump.status().ToString()));
  }
  if (flags.out == "-") {
    std::cout << *dump << std::flush;
    if (!std::cout) return Fail(1, "không ghi được đầu ra chuẩn", "cannot write to stdout");
  } else {
    std::ofstream out(flags.out, std::ios::binary | std::ios::trunc);
    out << *dump;
    out.close();
    if (!out) {
      return Fail(1, absl::StrCat("không ghi được ", flags.out),
                  absl::StrCat("cannot write ", flags.out));
    }
  }
  const size_t lines = static_cast<size_t>(std::count(dump->begin(), dump->end(), '\n'));
  std::cerr << "coop-golden: " << lines << " dòng / lines, " << dump->size() << " byte, "
            << absl::FormatDuration(absl::Trunc(absl::Now() - started, absl::Milliseconds(100)))
            << " → " << flags.out << "\n";
  return 0;
}

}  // namespace
}  // namespace coop::golden

int main(int argc, char** argv) { return coop::golden::Run(argc, argv); }
