// The auditor's offline tools against real coopd child processes, as an auditor works:
// export the log with its signed head, verify the export alone against a kept head, restore
// it into an empty folder (coopd restore) and get the same chain head, tree head and
// statistics; see a tampered, a reordered and a truncated export fail at the right position,
// and a head signed by another key refused; catch a rewritten tail — restored with
// self-consistent hashes, so the server's own VerifyLog passes — with a kept head only; catch
// an event altered on disk with a verifiable read; and keep the heads coopd publishes.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/uuid.h"
#include "coop/v1/audit.pb.h"
#include "coop/v1/people.grpc.pb.h"
#include "coop/v1/programs.grpc.pb.h"
#include "coop/v1/registry.grpc.pb.h"
#include "tests/e2e/coopd_process.h"
#include "tests/e2e/run_command.h"
#include "tests/support/grpc_test_support.h"
#include "tests/support/raw_log.h"
#include "tests/support/test_support.h"
#include "verify/canonical.h"
#include "verify/tree_head.h"

namespace coop::testing {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

std::vector<std::string> Lines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream file(path);
  for (std::string line; std::getline(file, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

void WriteLines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream file(path, std::ios::trunc);
  for (const auto& line : lines) file << line << "\n";
}

coop::v1::ExportLine Parse(const std::string& line) {
  coop::v1::ExportLine parsed;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(line, &parsed).ok()) << line;
  return parsed;
}

std::string Print(const coop::v1::ExportLine& line) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string text;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(line, &text, options).ok());
  return text;
}

class CoopctlAuditExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK(coopd_.Start(dir_.Sub("store")));
    Record(coopd_);
    key_ = dir_.Sub("key.pem");
    int code;
    const std::string out = Coopctl(coopd_, "audit public-key --out " + key_, &code);
    ASSERT_EQ(code, 0) << out;
  }

  std::string Coopctl(const CoopdProcess& server, const std::string& args, int* exit_code) {
    return RunCommand(std::string(COOPCTL_PATH) + " --server " + server.address() + " " + args,
                      exit_code);
  }
  // A small history, through the command services: three cooperatives of Huyện U Minh, one
  // of which admits members.
  void Record(const CoopdProcess& server) {
    for (const char* code : {"3100000001", "3100000002", "3100000003"}) {
      int exit_code;
      const std::string out =
          Coopctl(server,
                  std::string("register-cooperative --actor officer-7 --agency u-minh-district "
                              "--registration.code ") +
                      code +
                      " --registration.name 'HTX Khánh An' --registration.kind cooperative "
                      "--registration.law-regime law-2023 --registration.members.official 7 "
                      "--registration.charter-capital-vnd 800000000 "
                      "--registration.address.code 32059 --registration.address.unit-set 2025-03 "
                      "--occurred-on 2024-09-01",
                  &exit_code);
      ASSERT_EQ(exit_code, 0) << out;
    }
  }
  std::string KeepHead(const CoopdProcess& server, const std::string& name) {
    const std::string path = dir_.Sub(name);
    int code;
    const std::string out =
        Coopctl(server, "audit head --public-key " + key_ + " --out " + path, &code);
    EXPECT_EQ(code, 0) << out;
    return path;
  }
  std::string Export(const CoopdProcess& server, const std::string& name) {
    const std::string path = dir_.Sub(name);
    int code;
    const std::string out =
        Coopctl(server, "audit export --public-key " + key_ + " --out " + path, &code);
    EXPECT_EQ(code, 0) << out;
    EXPECT_TRUE(Contains(out, "đã xuất ")) << out;
    return path;
  }
  // `coopctl --lang en audit verify EXPORT --head HEAD --public-key KEY`.
  std::string Verify(const std::string& export_path, const std::string& head,
                     const std::string& key, int* code) {
    return RunCommand(std::string(COOPCTL_PATH) + " --lang en audit verify " + export_path +
                          " --head " + head + " --public-key " + key,
                      code);
  }
  std::string Restore(const std::string& export_path, const std::string& data_dir, int* code) {
    return RunCommand(std::string(COOPD_PATH) + " restore " + export_path + " " + data_dir, code);
  }
  // Registers a cooperative and places `person_ref` there as a graduate, through the command
  // services; returns the placement's stream.
  std::string PlaceGraduate(const std::string& person_ref) {
    auto channel = TestChannel(coopd_.address());
    coop::v1::RegisterCooperativeRequest registration;
    registration.mutable_header()->set_command_id(base::NewRandomUuid());
    registration.mutable_header()->set_occurred_on("2024-09-01");
    auto* r = registration.mutable_registration();
    r->set_code("3100000009");
    r->set_kind(coop::v1::COOPERATIVE);
    r->set_name("HTX Khánh Bình");
    r->set_law_regime(coop::v1::LAW_2023);
    r->mutable_address()->set_code("32059");
    r->mutable_address()->set_unit_set("2025-03");
    r->mutable_members()->set_official(9);
    coop::v1::CommandReply registered;
    grpc::ClientContext register_context;
    grpc::Status status = coop::v1::Registry::NewStub(channel)->RegisterCooperative(
        &register_context, registration, &registered);
    EXPECT_TRUE(status.ok()) << status.error_message();
    coop::v1::PlaceGraduateRequest place;
    place.mutable_header()->set_command_id(base::NewRandomUuid());
    place.mutable_header()->set_occurred_on("2024-10-01");
    place.mutable_placed()->set_person_ref(person_ref);
    place.mutable_placed()->set_degree(coop::v1::DEGREE_UNIVERSITY);
    place.mutable_placed()->set_field("aquaculture");
    place.mutable_placed()->set_cooperative_id(registered.aggregate_id());
    place.mutable_placed()->set_planned_term_months(24);
    coop::v1::CommandReply placed;
    grpc::ClientContext place_context;
    status = coop::v1::Programs::NewStub(channel)->PlaceGraduate(&place_context, place, &placed);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return placed.stream_id();
  }
  std::string SigningKeyFlag() const { return dir_.Sub("store") + "/tree-head-signing.pem"; }

  TempDir dir_;
  CoopdProcess coopd_;
  std::string key_;
};

TEST_F(CoopctlAuditExportTest, ExportVerifyAndRestoreGiveTheSameLog) {
  // A person recorded in the vault: nothing of theirs may reach the export.
  auto people = coop::v1::People::NewStub(TestChannel(coopd_.address()));
  coop::v1::RecordPersonRequest person;
  person.mutable_header()->set_command_id(base::NewRandomUuid());
  person.mutable_details()->set_full_name("Trịnh Thị Kiểm Chứng");
  person.mutable_details()->set_identity_number("096123456789");
  person.mutable_area()->set_code("32059");
  person.mutable_area()->set_unit_set("2025-03");
  coop::v1::RecordPersonReply recorded;
  grpc::ClientContext context;
  grpc::Status status = people->RecordPerson(&context, person, &recorded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // ... placed as a graduate at a cooperative, so the log names them by their ref.
  const std::string placement = PlaceGraduate(recorded.person_ref());
  ASSERT_FALSE(placement.empty());

  const std::string head = KeepHead(coopd_, "head.json");
  const std::string exported = Export(coopd_, "log.ndjson");
  const auto lines = Lines(exported);
  ASSERT_GE(lines.size(), 4u);
  EXPECT_TRUE(Parse(lines.back()).has_tree_head());
  // No personal data: not in the text, and not inside any event's payload either.
  const std::string text = ReadFile(exported);
  EXPECT_FALSE(Contains(text, "Kiểm Chứng"));
  EXPECT_FALSE(Contains(text, "096123456789"));
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    const std::string payload = Parse(lines[i]).event().payload();
    EXPECT_FALSE(Contains(payload, "Kiểm Chứng")) << i;
    EXPECT_FALSE(Contains(payload, "096123456789")) << i;
  }

  int code;
  std::string out = Verify(exported, head, key_, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "VERIFIED: " + std::to_string(lines.size() - 1) + " events")) << out;

  const std::string restored = dir_.Sub("restored");
  out = Restore(exported, restored, &code);
  ASSERT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "matches the export's signed head")) << out;

  CoopdProcess second;
  ASSERT_OK(second.Start(restored, {"--signing_key_file", SigningKeyFlag()}));
  // The same signed head, byte for byte (same size, root, timestamp and key: Ed25519 is
  // deterministic), and the same chain head.
  const std::string again = KeepHead(second, "again.json");
  EXPECT_EQ(ReadFile(again), ReadFile(head));
  std::string info_before = Coopctl(coopd_, "--json info", &code);
  ASSERT_EQ(code, 0) << info_before;
  std::string info_after = Coopctl(second, "--json info", &code);
  ASSERT_EQ(code, 0) << info_after;
  // The same log, from its head to its format; what each server's writer did since it started
  // (its "writes" counters) is its own.
  auto without_writes = [](const std::string& info) {
    return info.substr(0, info.find(",\"writes\""));
  };
  EXPECT_TRUE(Contains(info_before, "\"head_position\"")) << info_before;
  EXPECT_EQ(without_writes(info_after), without_writes(info_before));
  // Every event as it was: position, stream version, recorded-at time, metadata, hashes.
  const std::string log_before = Coopctl(coopd_, "--json read --all", &code);
  ASSERT_EQ(code, 0) << log_before;
  EXPECT_EQ(Coopctl(second, "--json read --all", &code), log_before);
  out = Coopctl(second, "verify", &code);
  EXPECT_EQ(code, 0) << out;
  // The person's details stayed behind: the restored node says so where the log names them.
  out = Coopctl(second, "--lang en history " + placement, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "details not on this node")) << out;
  out = Coopctl(coopd_, "--lang en history " + placement, &code);
  EXPECT_FALSE(Contains(out, "details not on this node")) << out;
  // The audit trail of the restored node: officer-7 recorded the three registrations and the
  // codes they reserved.
  out = Coopctl(second, "--lang en audit trail --actor officer-7", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "audit trail: 6 events")) << out;
  // The same statistics, rebuilt by the restored node's projections from the restored log.
  const std::string stats = "--lang en stats --area 966 --year 2024 --format csv";
  // The first figure's row, e.g. "cooperatives,Cooperatives at the end of the period,4,".
  auto cooperatives_row = [](const std::string& csv) {
    const size_t row = csv.find("\ncooperatives,");
    return row == std::string::npos ? std::string()
                                    : csv.substr(row, csv.find('\n', row + 1) - row);
  };
  // Projections follow the log in the background: ask each node until its figures have caught
  // up (at most 30 s) — the original's count its four cooperatives, the restored node's equal
  // the original's.
  std::string stats_before;
  for (int i = 0; i < 150; ++i) {
    stats_before = Coopctl(coopd_, stats, &code);
    ASSERT_EQ(code, 0) << stats_before;
    if (Contains(cooperatives_row(stats_before), ",4,")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_TRUE(Contains(cooperatives_row(stats_before), ",4,")) << stats_before;
  std::string stats_after;
  for (int i = 0; i < 150; ++i) {
    stats_after = Coopctl(second, stats, &code);
    ASSERT_EQ(code, 0) << stats_after;
    if (stats_after == stats_before) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(stats_after, stats_before);

  // A restore never writes over a log.
  out = Restore(exported, restored, &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "empty data folder")) << out;
}

TEST_F(CoopctlAuditExportTest, TamperedReorderedAndTruncatedExportsFailAtTheirPosition) {
  const std::string head = KeepHead(coopd_, "head.json");
  const auto lines = Lines(Export(coopd_, "log.ndjson"));
  ASSERT_GE(lines.size(), 5u);
  int code;

  auto tampered = lines;
  coop::v1::ExportLine third = Parse(tampered[2]);
  third.mutable_event()->mutable_metadata()->set_actor("someone-else");
  tampered[2] = Print(third);
  WriteLines(dir_.Sub("tampered.ndjson"), tampered);
  std::string out = Verify(dir_.Sub("tampered.ndjson"), head, key_, &code);
  EXPECT_EQ(code, 3) << out;
  EXPECT_TRUE(Contains(out, "NOT VERIFIED: position 3: hash does not match")) << out;
  // Restore refuses it too, naming the position, and leaves nothing behind.
  out = Restore(dir_.Sub("tampered.ndjson"), dir_.Sub("r1"), &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "position 3")) << out;
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("r1")));

  auto reordered = lines;
  std::swap(reordered[1], reordered[2]);
  WriteLines(dir_.Sub("reordered.ndjson"), reordered);
  out = Verify(dir_.Sub("reordered.ndjson"), head, key_, &code);
  EXPECT_EQ(code, 3) << out;
  EXPECT_TRUE(Contains(out, "NOT VERIFIED: position 2: event says another position")) << out;

  const std::vector<std::string> truncated(lines.begin(), lines.begin() + 2);
  WriteLines(dir_.Sub("truncated.ndjson"), truncated);
  out = Verify(dir_.Sub("truncated.ndjson"), head, key_, &code);
  EXPECT_EQ(code, 3) << out;
  EXPECT_TRUE(Contains(out, "NOT VERIFIED: position 3: the export ends at position 2")) << out;
  // Without its signed head, even with every event there.
  const std::vector<std::string> headless(lines.begin(), lines.end() - 1);
  WriteLines(dir_.Sub("headless.ndjson"), headless);
  out = Verify(dir_.Sub("headless.ndjson"), head, key_, &code);
  EXPECT_EQ(code, 3) << out;
  EXPECT_TRUE(Contains(out, "without its signed head")) << out;

  // A head signed by another key is refused: the kept head re-signed by a stranger, checked
  // with the stranger's key, passes as a head, but the export's own head is not the stranger's.
  auto stranger = verify::SigningKey::Generate();
  ASSERT_TRUE(stranger.ok());
  const std::string stranger_key = dir_.Sub("stranger.pem");
  std::ofstream(stranger_key) << stranger->public_key().Pem();
  coop::v1::ExportLine kept = Parse("{\"tree_head\":" + ReadFile(head) + "}");
  coop::v1::SignedTreeHead forged = kept.tree_head();
  auto signature = stranger->Sign(verify::TreeHeadSignedBytes(
      verify::TreeHead{forged.size(), forged.timestamp_micros(), forged.root_hash()}));
  ASSERT_TRUE(signature.ok());
  forged.set_signature(*signature);
  forged.set_key_id(stranger->public_key().KeyId());
  coop::v1::ExportLine forged_line;
  *forged_line.mutable_tree_head() = forged;
  std::string forged_json = Print(forged_line);
  forged_json = forged_json.substr(forged_json.find(':') + 1);
  forged_json.pop_back();
  std::ofstream(dir_.Sub("forged.json")) << forged_json << "\n";
  out = Verify(dir_.Sub("log.ndjson"), dir_.Sub("forged.json"), stranger_key, &code);
  EXPECT_EQ(code, 3) << out;
  EXPECT_TRUE(Contains(out, "is signed by key")) << out;
  out = Verify(dir_.Sub("log.ndjson"), dir_.Sub("forged.json"), key_, &code);
  EXPECT_EQ(code, 3) << out;
  EXPECT_TRUE(Contains(out, "NOT VERIFIED")) << out;
}

// The attack a kept head exists for: whoever controls the server's disk (and so the signing key
// kept there) rewrites the last events, recomputes every hash so the log agrees with itself,
// and serves it. The server's own verification passes; only a head kept elsewhere catches it.
TEST_F(CoopctlAuditExportTest, ARewrittenTailIsCaughtOnlyByAKeptHead) {
  const std::string kept = KeepHead(coopd_, "kept.json");
  auto lines = Lines(Export(coopd_, "log.ndjson"));
  ASSERT_EQ(coopd_.SignalAndWait(SIGTERM), 0);
  lines.pop_back();  // the signed head: the rewriter signs anew
  std::vector<coop::v1::RecordedEvent> events;
  for (const auto& line : lines) events.push_back(Parse(line).event());
  ASSERT_GE(events.size(), 3u);
  // The last two events say another officer recorded them; the recorded-at times are kept.
  for (size_t i = events.size() - 2; i < events.size(); ++i) {
    events[i].mutable_metadata()->set_actor("officer-13");
    events[i].set_prev_hash(events[i - 1].hash());
    const std::string canonical = verify::CanonicalEncoding(events[i]);
    events[i].set_hash(verify::ChainHash(events[i].prev_hash(), canonical));
    events[i].set_leaf_hash(verify::LeafHash(canonical));
  }
  std::vector<std::string> rewritten;
  for (const auto& event : events) {
    coop::v1::ExportLine line;
    *line.mutable_event() = event;
    rewritten.push_back(Print(line));
  }
  WriteLines(dir_.Sub("rewritten.ndjson"), rewritten);
  int code;
  std::string out = Restore(dir_.Sub("rewritten.ndjson"), dir_.Sub("rewritten"), &code);
  ASSERT_EQ(code, 0) << out;

  CoopdProcess rewritten_server;
  ASSERT_OK(
      rewritten_server.Start(dir_.Sub("rewritten"), {"--signing_key_file", SigningKeyFlag()}));
  out = Coopctl(rewritten_server, "verify", &code);
  EXPECT_EQ(code, 0) << "the server's own check passes: " << out;
  const std::string now = KeepHead(rewritten_server, "now.json");  // validly signed
  out = Coopctl(rewritten_server,
                "--lang en audit consistent " + kept + " " + now + " --public-key " + key_, &code);
  EXPECT_EQ(code, 3) << out;
  EXPECT_TRUE(Contains(out, "NOT VERIFIED")) << out;
  out = Coopctl(
      rewritten_server,
      "audit prove " + std::to_string(events.size()) + " --head " + kept + " --public-key " + key_,
      &code);
  EXPECT_EQ(code, 3) << out;
}

TEST_F(CoopctlAuditExportTest, AVerifiableReadCatchesAnEventAlteredOnDisk) {
  const std::string head = KeepHead(coopd_, "head.json");
  int code;
  std::string out = Coopctl(coopd_, "audit read --head " + head + " --public-key " + key_, &code);
  ASSERT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "HỢP LỆ: ")) << out;
  EXPECT_TRUE(Contains(out, "#2 ")) << out;

  ASSERT_EQ(coopd_.SignalAndWait(SIGTERM), 0);
  {
    RawLog raw(dir_.Sub("store"));
    coop::v1::RecordedEvent event = raw.Get(2);
    event.mutable_metadata()->set_agency("another-agency");  // hashes left as stored
    raw.Put(2, event);
  }
  CoopdProcess restarted;
  ASSERT_OK(restarted.Start(dir_.Sub("store")));
  out = Coopctl(restarted, "--lang en audit read --head " + head + " --public-key " + key_, &code);
  EXPECT_EQ(code, 3) << out;
  EXPECT_TRUE(Contains(out,
                       "NOT VERIFIED: position 2: the event as the server sent it is not "
                       "in the kept head"))
      << out;
  // The events after it still verify, page by page.
  out = Coopctl(restarted, "audit read --from 3 --head " + head + " --public-key " + key_, &code);
  EXPECT_EQ(code, 0) << out;
}

TEST_F(CoopctlAuditExportTest, CoopdPublishesHeadsAnAuditorCanKeep) {
  const std::string published = dir_.Sub("heads.ndjson");
  CoopdProcess publishing;
  ASSERT_OK(publishing.Start(dir_.Sub("publishing"),
                             {"--publish_heads", published, "--publish_heads_every", "1"}));
  Record(publishing);
  // Published by the timer while serving (the start's head is of the empty log): waits up to
  // ten seconds for a head that covers the three registrations.
  bool grown = false;
  for (int i = 0; i < 100 && !grown; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto so_far = Lines(published);
    coop::v1::SignedTreeHead head;
    grown = !so_far.empty() &&
            google::protobuf::util::JsonStringToMessage(so_far.back(), &head).ok() &&
            head.size() >= 6;
  }
  EXPECT_TRUE(grown) << ReadFile(published);
  ASSERT_EQ(publishing.SignalAndWait(SIGTERM), 0);
  const auto heads = Lines(published);
  ASSERT_GE(heads.size(), 2u) << ReadFile(published);  // at start (empty), then after Record
  std::ofstream(dir_.Sub("first.json")) << heads.front() << "\n";
  std::ofstream(dir_.Sub("last.json")) << heads.back() << "\n";
  coop::v1::SignedTreeHead last;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(heads.back(), &last).ok());
  EXPECT_GE(last.size(), 3u);
  EXPECT_TRUE(Contains(ReadFile(publishing.log_path()), "signed tree head published"));
  // Every published head is signed by the server's key, and the last extends the others.
  CoopdProcess again;
  ASSERT_OK(again.Start(dir_.Sub("publishing")));
  const std::string key = dir_.Sub("publishing-key.pem");
  int code;
  std::string out = Coopctl(again, "audit public-key --out " + key, &code);
  ASSERT_EQ(code, 0) << out;
  for (size_t i = 0; i < heads.size(); ++i) {
    coop::v1::SignedTreeHead head;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(heads[i], &head).ok());
    if (head.size() == 0) continue;  // the empty log's head at start: nothing to extend
    const std::string path = dir_.Sub("h" + std::to_string(i) + ".json");
    std::ofstream(path) << heads[i] << "\n";
    out = Coopctl(again,
                  "audit consistent " + path + " " + dir_.Sub("last.json") + " --public-key " + key,
                  &code);
    EXPECT_EQ(code, 0) << out;
  }
}

}  // namespace
}  // namespace coop::testing
