// coopd's HTTP face (services/http_face.h) against a real server with authentication on, over
// real HTTP on loopback: the JSON reads answer what gRPC answers, refusals carry the mapped
// status and change nothing, live feeds resume by Last-Event-ID with no gap and no duplicate,
// and feeds cannot take every worker.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "services/call_outcome.h"
#include "services/http_status.h"
#include "tests/services/auth_fixture.h"
#include "tests/support/test_certificates.h"

namespace coop::testing {
namespace {

using google::protobuf::util::JsonStringToMessage;
using google::protobuf::util::MessageDifferencer;

// A live feed read on a thread of its own, its text kept for the test to look at.
class FeedReader {
 public:
  FeedReader(int port, std::string path, httplib::Headers headers)
      : thread_([this, port, path = std::move(path), headers = std::move(headers)] {
          httplib::Client client("127.0.0.1", port);
          client.set_read_timeout(30);
          auto result = client.Get(
              path, headers,
              [this](const httplib::Response& response) {
                absl::MutexLock lock(&mu_);
                status_ = response.status;
                return true;
              },
              [this](const char* data, size_t length) {
                absl::MutexLock lock(&mu_);
                text_.append(data, length);
                return !stop_;
              });
          absl::MutexLock lock(&mu_);
          ended_ = true;
        }) {}
  ~FeedReader() {
    Stop();
    thread_.join();
  }

  // Ends the read at the next bytes the server sends (a keep-alive at the latest).
  void Stop() {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  // Waits up to 20 s for the text to contain `needle`.
  bool WaitFor(const std::string& needle) {
    absl::MutexLock lock(&mu_);
    auto seen = [this, &needle]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return absl::StrContains(text_, needle) || ended_;
    };
    mu_.AwaitWithTimeout(absl::Condition(&seen), absl::Seconds(20));
    return absl::StrContains(text_, needle);
  }
  // Waits up to 20 s for the status line.
  int Status() {
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(
                             +[](FeedReader* r) ABSL_EXCLUSIVE_LOCKS_REQUIRED(r->mu_) {
                               return r->status_ != 0 || r->ended_;
                             },
                             this),
                         absl::Seconds(20));
    return status_;
  }
  bool WaitEnded() {
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&ended_), absl::Seconds(20));
    return ended_;
  }
  std::string text() {
    absl::MutexLock lock(&mu_);
    return text_;
  }
  // The ids of the "recorded" messages, in order.
  std::vector<uint64_t> RecordedIds() {
    std::vector<uint64_t> ids;
    for (absl::string_view message : absl::StrSplit(text(), "\n\n")) {
      if (!absl::StrContains(message, "event: recorded\n")) continue;
      for (absl::string_view line : absl::StrSplit(message, '\n')) {
        uint64_t id = 0;
        if (absl::ConsumePrefix(&line, "id: ") && absl::SimpleAtoi(line, &id)) ids.push_back(id);
      }
    }
    return ids;
  }

 private:
  absl::Mutex mu_;
  std::string text_ ABSL_GUARDED_BY(mu_);
  int status_ ABSL_GUARDED_BY(mu_) = 0;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  bool ended_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

class HttpFaceTest : public AuthServerFixture {
 protected:
  void Configure(services::ServerOptions& options) override {
    options.http.listen = "127.0.0.1:0";
    options.http.threads = 6;
    options.http.max_feeds = 3;
    options.http.max_body_bytes = 64 * 1024;
    options.http.feed_keep_alive = absl::Milliseconds(200);
    options.http.dashboard_dir = dir_.Sub("dashboard");
    options.reporting_max_wait = absl::Milliseconds(300);
    std::filesystem::create_directories(dir_.Sub("dashboard/assets"));
    WriteFile(dir_.Sub("dashboard/index.html"), "<!doctype html><title>coopledger</title>");
    WriteFile(dir_.Sub("dashboard/assets/app.js"), "console.log('coopledger');");
  }

  int port() const { return server_->http_face()->port(); }

  httplib::Headers Bearer(const std::string& principal) {
    return {{"Authorization", "Bearer " + tokens_[principal]}};
  }

  httplib::Result Post(const std::string& path, const std::string& body,
                       const httplib::Headers& headers) {
    httplib::Client client("127.0.0.1", port());
    client.set_read_timeout(30);
    return client.Post(path, headers, body, "application/json");
  }

  // The HTTP reply's code, and its "code" field.
  static std::pair<int, std::string> Refusal(const httplib::Result& result) {
    if (!result) return {0, "no answer"};
    google::protobuf::Struct body;
    if (!JsonStringToMessage(result->body, &body).ok()) return {result->status, result->body};
    return {result->status, body.fields().at("code").string_value()};
  }
};

TEST_F(HttpFaceTest, StatisticsAsJsonEqualTheGrpcReply) {
  // Given a cooperative registered through the command service in Xã Khánh An, U Minh,
  RegisterAs("recorder-u-minh", "2000000001", "32059");
  const uint64_t head = LogHead();
  coop::v1::AnnualStatisticsRequest request;
  request.mutable_scope()->mutable_area()->set_code("966");
  request.mutable_scope()->mutable_area()->set_unit_set("2025-03");
  request.mutable_scope()->set_year(2024);
  request.set_min_position(head);
  // when the district's statistics are asked for over gRPC and over HTTP as JSON,
  coop::v1::AnnualStatisticsReply over_grpc;
  ASSERT_TRUE(coop::v1::Reporting::NewStub(channel_)
                  ->GetAnnualStatistics(As("reader").get(), request, &over_grpc)
                  .ok());
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(request, &json).ok());
  auto result = Post("/coop.v1.Reporting/GetAnnualStatistics", json, Bearer("reader"));
  // then both say the same, and the call carries a request id.
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_FALSE(result->get_header_value("X-Request-Id").empty());
  coop::v1::AnnualStatisticsReply over_http;
  ASSERT_TRUE(JsonStringToMessage(result->body, &over_http).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(over_grpc, over_http))
      << over_grpc.DebugString() << "\n---\n"
      << over_http.DebugString();
  EXPECT_GT(over_http.figures_size(), 10);
  // 64-bit numbers come as strings and every figure is printed, zero or not.
  EXPECT_TRUE(absl::StrContains(result->body, "\"position\":\"" + std::to_string(head) + "\""));
}

TEST_F(HttpFaceTest, RefusalsCarryTheMappedStatusAndChangeNothing) {
  RegisterAs("recorder-u-minh", "2000000001", "32059");
  const uint64_t head = LogHead();
  const std::string statistics = "/coop.v1.Reporting/GetAnnualStatistics";
  const std::string district =
      R"({"scope":{"area":{"code":"966","unitSet":"2025-03"},"year":2024}})";
  // No credentials: 401. A role without the permission (a reader reading events): 403.
  EXPECT_EQ(Refusal(Post(statistics, district, {})),
            std::make_pair(401, std::string("UNAUTHENTICATED")));
  EXPECT_EQ(
      Refusal(Post("/coop.v1.Reporting/GetHistory", R"({"streamId":"coop-x"})", Bearer("reader"))),
      std::make_pair(403, std::string("PERMISSION_DENIED")));
  EXPECT_EQ(Refusal(Post(statistics, district, {{"Authorization", "Bearer coop_wrong"}})).first,
            401);
  // Malformed: not JSON, a misspelt field, a year that is no number: 400.
  EXPECT_EQ(Refusal(Post(statistics, "{not json", Bearer("reader"))),
            std::make_pair(400, std::string("INVALID_ARGUMENT")));
  EXPECT_EQ(Refusal(Post(statistics, R"({"scope":{"yaer":2024}})", Bearer("reader"))).first, 400);
  EXPECT_EQ(Refusal(Post(statistics, R"({"scope":{"year":"twenty"}})", Bearer("reader"))).first,
            400);
  // An area that is no unit of its set: the service's own refusal.
  const auto unknown_area = Refusal(
      Post(statistics, R"({"scope":{"area":{"code":"99999","unitSet":"2025-03"},"year":2024}})",
           Bearer("reader")));
  EXPECT_TRUE(unknown_area.first == 400 || unknown_area.first == 404) << unknown_area.first;
  // A method the face does not serve (a command; a rebuild), and GET on a method: 404, 405.
  EXPECT_EQ(Refusal(Post("/coop.v1.Registry/RegisterCooperative", "{}", Bearer("admin"))).first,
            404);
  EXPECT_EQ(Refusal(Post("/coop.v1.Reporting/RebuildProjection", R"({"name":"statistics"})",
                         Bearer("admin")))
                .first,
            404);
  httplib::Client client("127.0.0.1", port());
  auto get = client.Get(statistics.c_str(), Bearer("reader"));
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 405);
  // A body above the limit: 413, with the limit in the message.
  auto big = Post(statistics, std::string(10 << 20, ' '), Bearer("reader"));
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_TRUE(absl::StrContains(big->body, "65536")) << big->body;
  // A position beyond the log's head: the service's OUT_OF_RANGE, 400.
  EXPECT_EQ(Refusal(Post(statistics,
                         R"({"scope":{"area":{"code":"966","unitSet":"2025-03"},"year":2024},)"
                         R"("minPosition":"999999"})",
                         Bearer("reader"))),
            std::make_pair(400, std::string("OUT_OF_RANGE")));
  // Nothing was written by any of it.
  EXPECT_EQ(LogHead(), head);
}

TEST_F(HttpFaceTest, TheEventStoreReadsStreamTogether) {
  const std::string id = RegisterAs("recorder-u-minh", "2000000001", "32059");
  auto result = Post("/coop.v1.EventStore/ReadStream",
                     absl::StrCat(R"({"streamId":"coop-)", id, R"("})"), Bearer("auditor"));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_TRUE(absl::StartsWith(result->body, "{\"responses\":[{\"event\":")) << result->body;
  EXPECT_TRUE(absl::StrContains(result->body, "coop.v1.CooperativeRegistered"));
  auto info = Post("/coop.v1.EventStore/GetLogInfo", "", Bearer("auditor"));
  ASSERT_TRUE(info);
  EXPECT_EQ(info->status, 200);
  EXPECT_TRUE(absl::StrContains(info->body, absl::StrCat("\"headPosition\":\"", LogHead(), "\"")))
      << info->body;
}

TEST_F(HttpFaceTest, AFeedResumesAfterItsLastEventIdWithNoGapAndNoDuplicate) {
  // Given a feed of U Minh district (2025-03) from the start of the log,
  RegisterAs("recorder-u-minh", "2000000001", "32059");
  uint64_t last_seen = 0;
  uint64_t next_expected = 0;
  {
    FeedReader feed(port(), "/feed?area=966&unitSet=2025-03&lang=vi&from=1", Bearer("auditor"));
    ASSERT_EQ(feed.Status(), 200);
    ASSERT_TRUE(feed.WaitFor("event: caught-up"));
    // when a cooperative is registered elsewhere (Thới Bình), then one in the district (the
    // feed is in log order, so once the second shows the first has been passed over),
    RegisterAs("recorder-thoi-binh", "2000000003", "32065");
    RegisterAs("recorder-u-minh", "2000000002", "32044");
    ASSERT_TRUE(feed.WaitFor("2000000002"));
    // then the feed told the district's events only, in sentences, each id its log position.
    const std::vector<uint64_t> ids = feed.RecordedIds();
    ASSERT_EQ(ids.size(), 2u) << feed.text();
    EXPECT_LT(ids[0], ids[1]);
    EXPECT_TRUE(absl::StrContains(feed.text(), "U Minh (32044)")) << feed.text();
    EXPECT_FALSE(absl::StrContains(feed.text(), "2000000003"));
    last_seen = ids[0];  // as if the connection broke after the first
    next_expected = ids[1];
  }
  // When the client reconnects with Last-Event-ID, it gets the next events on, once each.
  httplib::Headers resume = Bearer("auditor");
  resume.emplace("Last-Event-ID", std::to_string(last_seen));
  FeedReader again(port(), "/feed?area=966&unitSet=2025-03&lang=en", resume);
  ASSERT_TRUE(again.WaitFor("event: caught-up"));
  RegisterAs("recorder-u-minh", "2000000004", "32047");
  ASSERT_TRUE(again.WaitFor("2000000004"));
  const std::vector<uint64_t> ids = again.RecordedIds();
  ASSERT_EQ(ids.size(), 2u) << again.text();
  EXPECT_EQ(ids[0], next_expected);  // the one after the last seen: no gap, no duplicate
  EXPECT_TRUE(absl::StrContains(again.text(), "Cooperative registered")) << again.text();
}

TEST_F(HttpFaceTest, FeedRefusalsAreAnsweredBeforeTheStream) {
  FeedReader reader_role(port(), "/feed", Bearer("reader"));
  EXPECT_EQ(reader_role.Status(), 403);
  FeedReader nobody(port(), "/feed", {});
  EXPECT_EQ(nobody.Status(), 401);
  FeedReader unknown_area(port(), "/feed?area=99999&unitSet=2025-03", Bearer("auditor"));
  EXPECT_EQ(unknown_area.Status(), 404);
  FeedReader bad_from(port(), "/feed?from=abc", Bearer("auditor"));
  EXPECT_EQ(bad_from.Status(), 400);
  FeedReader bad_lang(port(), "/feed?lang=fr", Bearer("auditor"));
  EXPECT_EQ(bad_lang.Status(), 400);
  EXPECT_TRUE(bad_lang.WaitFor("lang")) << bad_lang.text();
}

TEST_F(HttpFaceTest, MoreFeedsThanWorkersCannotStarveTheReads) {
  // Given a pool of 6 workers and a cap of 3 feeds, 8 feeds are asked for (more than the pool
  // has workers):
  std::vector<std::unique_ptr<FeedReader>> feeds;
  for (int i = 0; i < 8; ++i) {
    feeds.push_back(std::make_unique<FeedReader>(port(), "/feed", Bearer("auditor")));
  }
  int open = 0;
  int refused = 0;
  for (auto& feed : feeds) {
    const int status = feed->Status();
    if (status == 200) ++open;
    if (status == 503) {
      ++refused;
      EXPECT_TRUE(feed->WaitFor("UNAVAILABLE"));
    }
  }
  EXPECT_EQ(open, 3);
  EXPECT_EQ(refused, 5);
  EXPECT_EQ(server_->http_face()->open_feeds(), 3);
  // then, with the three feeds open, statistics still answer.
  auto result = Post("/coop.v1.Reporting/GetAnnualStatistics",
                     R"({"scope":{"area":{"code":"966","unitSet":"2025-03"},"year":2024}})",
                     Bearer("reader"));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  // A feed that ends gives its place back.
  for (auto& feed : feeds) feed->Stop();
  for (auto& feed : feeds) EXPECT_TRUE(feed->WaitEnded());
  for (int i = 0; i < 100 && server_->http_face()->open_feeds() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(server_->http_face()->open_feeds(), 0);
}

TEST_F(HttpFaceTest, HeadersGrpcCannotCarryAreRefusedOrDroppedAndTheServerLives) {
  // A request id with a tab is not used (coopd makes one); the call answers.
  httplib::Headers odd_id = Bearer("reader");
  odd_id.emplace("X-Request-Id", "a\tb");
  auto answered = Post("/coop.v1.EventStore/GetLogInfo", "", odd_id);
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->status, 403);  // a reader may not read the log's info: the gate answered
  EXPECT_TRUE(absl::StartsWith(answered->get_header_value("X-Request-Id"), "coopd-"));
  // An Authorization header with a byte that is not printable ASCII: 401, on both paths.
  const httplib::Headers non_ascii = {{"Authorization", "Bearer \xe9"}};
  EXPECT_EQ(Refusal(Post("/coop.v1.EventStore/GetLogInfo", "", non_ascii)),
            std::make_pair(401, std::string("UNAUTHENTICATED")));
  FeedReader feed(port(), "/feed", non_ascii);
  EXPECT_EQ(feed.Status(), 401);
  // and coopd still serves.
  auto after = Post("/coop.v1.EventStore/GetLogInfo", "", Bearer("auditor"));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

TEST_F(HttpFaceTest, OnLoopbackOnlyLoopbackHostNamesAreServed) {
  // A page of another site whose name points at 127.0.0.1 (DNS rebinding) is refused,
  httplib::Headers rebound = Bearer("reader");
  rebound.emplace("Host", "evil.example:8080");
  EXPECT_EQ(Refusal(Post("/coop.v1.Reporting/ListAreas", "{}", rebound)),
            std::make_pair(403, std::string("PERMISSION_DENIED")));
  httplib::Client client("127.0.0.1", port());
  auto page = client.Get("/", {{"Host", "evil.example"}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 403);
  // the machine's own names are served.
  for (const std::string host : {"localhost:8080", "127.0.0.1", "[::1]:8080"}) {
    httplib::Headers own = Bearer("reader");
    own.emplace("Host", host);
    auto answer = Post("/coop.v1.Reporting/ListAreas", "{}", own);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 200) << host;
  }
}

TEST_F(HttpFaceTest, ShutdownEndsOpenFeeds) {
  FeedReader feed(port(), "/feed", Bearer("auditor"));
  ASSERT_EQ(feed.Status(), 200);
  ASSERT_TRUE(feed.WaitFor("event: caught-up"));
  server_->Shutdown();
  EXPECT_TRUE(feed.WaitEnded());
  EXPECT_TRUE(absl::StrContains(feed.text(), "event: end")) << feed.text();
}

TEST_F(HttpFaceTest, ServesTheDashboardWithItsSecurityHeaders) {
  httplib::Client client("127.0.0.1", port());
  auto index = client.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_TRUE(absl::StrContains(index->body, "<title>coopledger</title>"));
  EXPECT_TRUE(
      absl::StrContains(index->get_header_value("Content-Security-Policy"), "script-src 'self'"));
  EXPECT_EQ(index->get_header_value("X-Content-Type-Options"), "nosniff");
  auto script = client.Get("/assets/app.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
  // A deep link is the app; a missing file is not.
  auto deep = client.Get("/cooperative/abc");
  ASSERT_TRUE(deep);
  EXPECT_EQ(deep->status, 200);
  EXPECT_TRUE(absl::StrContains(deep->body, "<title>coopledger</title>"));
  auto missing = client.Get("/assets/missing.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  // A NUL in the path could serve one file typed as another.
  auto nul = client.Get("/index.html%00.js");
  ASSERT_TRUE(nul);
  EXPECT_EQ(nul->status, 400);
}

// A coopd in open mode on loopback (no access configuration), its HTTP face on `http_listen`.
services::ServerOptions OpenModeOptions(const TempDir& dir, const std::string& http_listen) {
  services::ServerOptions options;
  options.data_dir = dir.Sub("store");
  options.listen = "127.0.0.1:0";
  options.http.listen = http_listen;
  return options;
}

TEST(HttpFaceStartTest, StopsRightAfterStarting) {
  for (int i = 0; i < 3; ++i) {
    TempDir dir;
    auto server = services::CoopServer::Start(OpenModeOptions(dir, "127.0.0.1:0"));
    ASSERT_OK(server);
    (*server)->Shutdown();  // returns: the face was serving when Start returned
  }
}

TEST(HttpStatusTest, EachCodeHasItsHttpStatus) {
  using grpc::StatusCode;
  const std::vector<std::pair<StatusCode, int>> table = {
      {StatusCode::OK, 200},
      {StatusCode::INVALID_ARGUMENT, 400},
      {StatusCode::OUT_OF_RANGE, 400},
      {StatusCode::UNAUTHENTICATED, 401},
      {StatusCode::PERMISSION_DENIED, 403},
      {StatusCode::NOT_FOUND, 404},
      {StatusCode::FAILED_PRECONDITION, 409},
      {StatusCode::ABORTED, 409},
      {StatusCode::ALREADY_EXISTS, 409},
      {StatusCode::RESOURCE_EXHAUSTED, 429},
      {StatusCode::CANCELLED, 499},
      {StatusCode::UNIMPLEMENTED, 501},
      {StatusCode::UNAVAILABLE, 503},
      {StatusCode::DEADLINE_EXCEEDED, 504},
      {StatusCode::INTERNAL, 500},
      {StatusCode::DATA_LOSS, 500},
      {StatusCode::UNKNOWN, 500},
  };
  for (const auto& [code, http] : table) {
    EXPECT_EQ(services::HttpStatusFor(code), http) << services::StatusCodeName(code);
  }
  // A refusal's body names the code, the status and the rule.
  const std::string body = services::HttpErrorBody(
      grpc::Status(StatusCode::FAILED_PRECONDITION, "[COOP-12] đã giải thể / dissolved"), 409);
  google::protobuf::Struct parsed;
  ASSERT_TRUE(JsonStringToMessage(body, &parsed).ok()) << body;
  EXPECT_EQ(parsed.fields().at("code").string_value(), "FAILED_PRECONDITION");
  EXPECT_EQ(parsed.fields().at("httpStatus").number_value(), 409);
  EXPECT_EQ(parsed.fields().at("ruleId").string_value(), "COOP-12");
  EXPECT_EQ(parsed.fields().at("message").string_value(), "[COOP-12] đã giải thể / dissolved");
}

TEST(HttpFaceStartTest, PlaintextOrOpenModeOffLoopbackIsRefused) {
  TempDir dir;
  services::ServerOptions options = OpenModeOptions(dir, "0.0.0.0:0");
  auto open_mode = services::CoopServer::Start(options);
  ASSERT_FALSE(open_mode.ok());
  EXPECT_EQ(open_mode.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(absl::StrContains(open_mode.status().message(), "loopback"));
}

class HttpsFaceTest : public AuthServerFixture {
 protected:
  HttpsFaceTest()
      : ca_("coopledger test CA"),
        server_cert_(ca_.Issue("coopd", {"DNS:localhost", "IP:127.0.0.1"}, /*server=*/true)) {}

  void Configure(services::ServerOptions& options) override {
    WriteFile(dir_.Sub("server.crt"), server_cert_.cert_pem);
    WriteFile(dir_.Sub("server.key"), server_cert_.key_pem);
    WriteFile(dir_.Sub("ca.crt"), ca_.ca().cert_pem);
    options.tls_cert = dir_.Sub("server.crt");
    options.tls_key = dir_.Sub("server.key");
    // Off loopback, as an agency's LAN would have it: TLS and principals make it allowed.
    options.http.listen = "0.0.0.0:0";
  }

  TestCertificateAuthority ca_;
  TestCertificate server_cert_;
};

TEST_F(HttpsFaceTest, ServesOverTlsWithTokens) {
  ASSERT_TRUE(server_->http_face()->tls());
  httplib::SSLClient client("127.0.0.1", server_->http_face()->port());
  client.set_ca_cert_path(dir_.Sub("ca.crt").c_str());
  client.enable_server_certificate_verification(true);
  const std::string body = R"({"unitSet":"2025-07","lang":"en"})";
  auto as_reader =
      client.Post("/coop.v1.Reporting/ListAreas",
                  {{"Authorization", "Bearer " + tokens_["reader"]}}, body, "application/json");
  ASSERT_TRUE(as_reader) << httplib::to_string(as_reader.error());
  EXPECT_EQ(as_reader->status, 200);
  EXPECT_TRUE(absl::StrContains(as_reader->body, "\"level\":\"province\""))
      << as_reader->body.substr(0, 300);
  auto wrong =
      client.Post("/coop.v1.Reporting/ListAreas", {{"Authorization", "Bearer coop_not_a_token"}},
                  body, "application/json");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  // Plaintext to the TLS port gets nothing.
  httplib::Client plaintext_client("127.0.0.1", server_->http_face()->port());
  auto plaintext_refused =
      plaintext_client.Post("/coop.v1.Reporting/ListAreas", body, "application/json");
  EXPECT_TRUE(!plaintext_refused || plaintext_refused->status != 200);
}

TEST_F(HttpsFaceTest, ARenewedCertificateServesTheNextConnectionWithoutARestart) {
  const std::string body = R"({"unitSet":"2025-07"})";
  const httplib::Headers reader = {{"Authorization", "Bearer " + tokens_["reader"]}};
  auto ask = [&](const std::string& ca_file) {
    httplib::SSLClient client("127.0.0.1", server_->http_face()->port());
    client.set_ca_cert_path(ca_file.c_str());
    client.enable_server_certificate_verification(true);
    auto result = client.Post("/coop.v1.Reporting/ListAreas", reader, body, "application/json");
    return result ? result->status : 0;
  };
  ASSERT_EQ(ask(dir_.Sub("ca.crt")), 200);
  // Given a new pair from another CA, put in place as a renewal would (each file replaced whole),
  TestCertificateAuthority renewed_ca("coopledger renewed CA");
  const TestCertificate renewed =
      renewed_ca.Issue("coopd", {"DNS:localhost", "IP:127.0.0.1"}, /*server=*/true);
  WriteFile(dir_.Sub("renewed-ca.crt"), renewed_ca.ca().cert_pem);
  WriteFile(dir_.Sub("server.key.new"), renewed.key_pem);
  WriteFile(dir_.Sub("server.crt.new"), renewed.cert_pem);
  std::filesystem::rename(dir_.Sub("server.key.new"), dir_.Sub("server.key"));
  std::filesystem::rename(dir_.Sub("server.crt.new"), dir_.Sub("server.crt"));
  // then the next connection is served with it, and the old CA no longer verifies the server.
  EXPECT_EQ(ask(dir_.Sub("renewed-ca.crt")), 200);
  EXPECT_EQ(ask(dir_.Sub("ca.crt")), 0);
}

}  // namespace
}  // namespace coop::testing
