// Online backups (coop.v1.Admin) and their offline restore (`coopd restore-backup`, run here
// in-process through its command-line entry point) over a real server with real RocksDB
// folders. What is recorded goes through the command services, as an agency would record it;
// what is compared is what a user would compare: the log's heads, its tree root and the annual
// statistics.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "backup/catalog.h"
#include "backup/erasure_journal.h"
#include "backup/layout.h"
#include "coop/v1/admin.grpc.pb.h"
#include "coop/v1/people.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "services/coopd_restore_backup.h"
#include "tests/services/annual_figures.h"
#include "tests/services/registry_fixture.h"
#include "vault/master_key.h"

namespace coop::testing {
namespace {

namespace fs = std::filesystem;

class BackupTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    admin_ = coop::v1::Admin::NewStub(channel_);
    reporting_ = coop::v1::Reporting::NewStub(channel_);
    people_ = coop::v1::People::NewStub(channel_);
  }
  void TearDown() override {
    if (restored_) restored_->Shutdown();
  }
  void Configure(services::ServerOptions& options) override {
    options.backup_dir = BackupDir();
    options.backup_keep = keep_;
  }
  std::string BackupDir() const { return dir_.Sub("backups"); }
  std::string DataDir() const { return dir_.Sub("store"); }

  // Registers cooperative number `n` (its code derived from it) through Registry.
  void RegisterNumber(int n) {
    coop::v1::CommandReply reply;
    const grpc::Status status = Register(Registration(absl::StrCat(2300000000 + n)), &reply);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  grpc::Status Backup(coop::v1::BackupInfo* info, bool include_keys = false) {
    coop::v1::CreateBackupRequest request;
    request.set_include_keys(include_keys);
    return admin_->CreateBackup(Context(60'000).get(), request, info);
  }
  coop::v1::BackupInfo BackupOk(bool include_keys = false) {
    coop::v1::BackupInfo info;
    const grpc::Status status = Backup(&info, include_keys);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return info;
  }
  grpc::Status Verify(uint64_t id, coop::v1::VerifyBackupReply* reply) {
    coop::v1::VerifyBackupRequest request;
    request.set_backup_id(id);
    return admin_->VerifyBackup(Context(60'000).get(), request, reply);
  }

  // `coopd restore-backup` with these words after it; the exit code.
  static int RestoreCommand(const std::vector<std::string>& words) {
    return services::RunCoopdRestoreBackup(words);
  }
  // A second server on the restored folder.
  void StartRestored(const std::string& data_dir) {
    services::ServerOptions options;
    options.data_dir = data_dir;
    options.listen = "127.0.0.1:0";
    auto server = services::CoopServer::Start(options);
    ASSERT_OK(server);
    restored_ = std::move(*server);
    restored_channel_ = TestChannel(restored_->address());
  }

  // The district of U Minh in 2024, as known at `position` (0: all of it) on `channel`.
  std::map<std::string, int64_t> Figures(const std::shared_ptr<grpc::Channel>& channel,
                                         uint64_t known_at, uint64_t min_position) {
    auto reporting = coop::v1::Reporting::NewStub(channel);
    coop::v1::AnnualStatisticsRequest request;
    request.mutable_scope()->mutable_area()->set_code("966");
    request.mutable_scope()->mutable_area()->set_unit_set("2025-03");
    request.mutable_scope()->set_year(2024);
    request.mutable_scope()->set_as_known_at_position(known_at);
    request.set_min_position(min_position);
    return AnnualFigures(reporting.get(), request);
  }

  // A person recorded for the district of U Minh, through People; the ref.
  std::string RecordPerson(const std::string& name) {
    coop::v1::RecordPersonRequest recording;
    *recording.mutable_header() = Header();
    recording.mutable_details()->set_full_name(name);
    recording.mutable_area()->set_code("966");
    recording.mutable_area()->set_unit_set("2025-03");
    coop::v1::RecordPersonReply recorded;
    const grpc::Status status = people_->RecordPerson(Context().get(), recording, &recorded);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return recorded.person_ref();
  }

  // The person `ref` as the restored server answers People.GetPerson.
  coop::v1::PersonDetails RestoredPerson(const std::string& ref) {
    auto people = coop::v1::People::NewStub(restored_channel_);
    coop::v1::GetPersonRequest get;
    get.set_person_ref(ref);
    coop::v1::PersonDetails details;
    const grpc::Status status = people->GetPerson(Context().get(), get, &details);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return details;
  }

  // The size of every file under the backup folder but the manifests, the lock and the journal.
  uint64_t StoredBytes() {
    uint64_t bytes = 0;
    for (const auto& entry : fs::recursive_directory_iterator(BackupDir())) {
      if (!entry.is_regular_file()) continue;
      const std::string name = entry.path().filename().string();
      if (name == "backup.json" || name == ".lock" || name == "erasures.jsonl") continue;
      bytes += entry.file_size();
    }
    return bytes;
  }

  uint32_t keep_ = 7;
  std::unique_ptr<coop::v1::Admin::Stub> admin_;
  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
  std::unique_ptr<coop::v1::People::Stub> people_;
  std::unique_ptr<services::CoopServer> restored_;
  std::shared_ptr<grpc::Channel> restored_channel_;
};

TEST_F(BackupTest, ABackupTakenUnderLoadRestoresToIdenticalHeadsAndStatistics) {
  for (int n = 0; n < 20; ++n) RegisterNumber(n);
  // Four agencies keep recording while the backup is taken.
  std::atomic<bool> stop{false};
  std::atomic<int> next{1000};
  std::vector<std::thread> load;
  for (int t = 0; t < 4; ++t) {
    load.emplace_back([&] {
      auto registry = coop::v1::Registry::NewStub(channel_);
      while (!stop) {
        coop::v1::CommandReply reply;
        grpc::ClientContext context;
        registry->RegisterCooperative(&context, Registration(absl::StrCat(2300000000 + next++)),
                                      &reply);
      }
    });
  }
  while (next < 1040) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const uint64_t head_before = server_->store().GetLogInfo().head_position();
  const coop::v1::BackupInfo info = BackupOk();
  const uint64_t head_after = server_->store().GetLogInfo().head_position();
  while (server_->store().GetLogInfo().head_position() < head_after + 20) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  stop = true;
  for (auto& thread : load) thread.join();
  const uint64_t head = info.log_head_position();
  EXPECT_LE(head_before, head);
  EXPECT_LE(head, head_after);
  ASSERT_GT(server_->store().GetLogInfo().head_position(), head) << "recording went on after it";

  // The source's log at the backup's head.
  coop::v1::ReadAllRequest at;
  at.set_from_position(head);
  at.set_max_count(1);
  const auto events = ReadAll(at);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].hash(), info.chain_head());
  auto root = server_->store().TreeRoot(head);
  ASSERT_OK(root);
  EXPECT_EQ(*root, info.tree_root());
  // As known at the backup's head, once the statistics hold it (min_position): under the
  // projections' gathering (coopd --projection_gather_ms) they may be a little behind the log.
  const auto known_then = Figures(channel_, head, head);
  ASSERT_FALSE(known_then.empty());
  EXPECT_GT(known_then.at("new.cooperatives"), 20);

  const std::string restored = dir_.Sub("restored");
  ASSERT_EQ(RestoreCommand({info.path(), restored, "--master_key", DataDir() + "/master.key"}), 0);
  StartRestored(restored);
  const coop::v1::LogInfo log = restored_->store().GetLogInfo();
  EXPECT_EQ(log.head_position(), head);
  EXPECT_EQ(log.chain_head(), info.chain_head());
  auto restored_root = restored_->store().TreeRoot(head);
  ASSERT_OK(restored_root);
  EXPECT_EQ(*restored_root, info.tree_root());
  EXPECT_EQ(Figures(restored_channel_, 0, head), known_then);
  auto verified = restored_->store().Verify(1, head, [] { return false; });
  ASSERT_OK(verified);
  EXPECT_TRUE(verified->ok()) << verified->problem();
}

TEST_F(BackupTest, TheSecondBackupCopiesOnlyNewFilesAndSaysHowManyBytes) {
  for (int n = 0; n < 30; ++n) RegisterNumber(n);
  const coop::v1::BackupInfo first = BackupOk();
  EXPECT_EQ(first.new_bytes(), first.bytes());
  EXPECT_EQ(first.new_files(), first.files());
  EXPECT_EQ(StoredBytes(), first.bytes());
  for (int n = 30; n < 40; ++n) RegisterNumber(n);

  const coop::v1::BackupInfo second = BackupOk();
  EXPECT_EQ(second.backup_id(), first.backup_id() + 1);
  EXPECT_GT(second.log_head_position(), first.log_head_position());
  EXPECT_LT(second.new_files(), second.files()) << "the first backup's tables are shared";
  EXPECT_LT(second.new_bytes(), second.bytes());
  // What it copied is exactly its files that the first does not hold.
  auto first_manifest = backup::ReadManifest(first.path());
  auto second_manifest = backup::ReadManifest(second.path());
  ASSERT_OK(first_manifest);
  ASSERT_OK(second_manifest);
  std::set<std::string> held;
  for (const auto& file : first_manifest->files()) {
    if (absl::StartsWith(file.stored_at(), "../../shared/")) held.insert(file.stored_at());
  }
  uint64_t not_held = 0, shared_again = 0;
  for (const auto& file : second_manifest->files()) {
    if (held.count(file.stored_at())) {
      ++shared_again;
    } else {
      not_held += file.size();
    }
  }
  EXPECT_GT(shared_again, 0u);
  EXPECT_EQ(second.new_bytes(), not_held);
  EXPECT_EQ(StoredBytes(), first.bytes() + second.new_bytes())
      << "the folder grew by exactly what the second backup says it copied";
  coop::v1::VerifyBackupReply verified;
  ASSERT_TRUE(Verify(first.backup_id(), &verified).ok());
  ASSERT_TRUE(Verify(second.backup_id(), &verified).ok());
  EXPECT_EQ(verified.events_verified(), second.log_head_position());
  EXPECT_EQ(verified.bytes_checked(), second.bytes());
}

class BackupRetentionTest : public BackupTest {
 protected:
  BackupRetentionTest() { keep_ = 2; }
};

TEST_F(BackupRetentionTest, RetentionKeepsExactlyKAndTheTablesTheyName) {
  std::vector<coop::v1::BackupInfo> taken;
  for (int round = 0; round < 4; ++round) {
    for (int n = 0; n < 5; ++n) RegisterNumber(round * 10 + n);
    taken.push_back(BackupOk());
  }
  EXPECT_TRUE(taken[0].removed_backups().empty());
  EXPECT_TRUE(taken[1].removed_backups().empty());
  ASSERT_EQ(taken[2].removed_backups_size(), 1);
  EXPECT_EQ(taken[2].removed_backups(0), 1u);
  ASSERT_EQ(taken[3].removed_backups_size(), 1);
  EXPECT_EQ(taken[3].removed_backups(0), 2u);

  coop::v1::ListBackupsReply list;
  ASSERT_TRUE(admin_->ListBackups(Context().get(), {}, &list).ok());
  ASSERT_EQ(list.backups_size(), 2);
  EXPECT_EQ(list.backups(0).backup_id(), 3u);
  EXPECT_EQ(list.backups(1).backup_id(), 4u);
  EXPECT_EQ(list.keep(), 2u);
  // Every shared table is named by a backup kept, and every table named is there.
  std::set<std::string> named;
  for (const auto& info : list.backups()) {
    auto manifest = backup::ReadManifest(info.path());
    ASSERT_OK(manifest);
    for (const auto& file : manifest->files()) {
      const fs::path path = fs::weakly_canonical(fs::path(info.path()) / file.stored_at());
      EXPECT_TRUE(fs::exists(path)) << path;
      named.insert(path.string());
    }
  }
  int shared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(backup::SharedFolder(BackupDir()))) {
    if (!entry.is_regular_file()) continue;
    ++shared;
    EXPECT_TRUE(named.count(fs::weakly_canonical(entry.path()).string())) << entry.path();
  }
  EXPECT_GT(shared, 0);
  coop::v1::VerifyBackupReply verified;
  EXPECT_TRUE(Verify(3, &verified).ok());
  EXPECT_TRUE(Verify(4, &verified).ok());
  EXPECT_EQ(Verify(1, &verified).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(BackupTest, ADamagedFileFailsVerificationByNameAndTheRestoreLeavesNothing) {
  for (int n = 0; n < 10; ++n) RegisterNumber(n);
  const coop::v1::BackupInfo info = BackupOk();
  // The largest table of the log, one byte changed in its middle.
  auto manifest = backup::ReadManifest(info.path());
  ASSERT_OK(manifest);
  const coop::v1::BackupFile* largest = nullptr;
  for (const auto& file : manifest->files()) {
    if (file.component() == "events" && absl::EndsWith(file.name(), ".sst") &&
        (largest == nullptr || file.size() > largest->size())) {
      largest = &file;
    }
  }
  ASSERT_NE(largest, nullptr);
  const std::string path = info.path() + "/" + largest->stored_at();
  {
    std::fstream table(path, std::ios::in | std::ios::out | std::ios::binary);
    table.seekp(static_cast<std::streamoff>(largest->size() / 2));
    table.put('\x5a');
  }
  coop::v1::VerifyBackupReply verified;
  const grpc::Status status = Verify(info.backup_id(), &verified);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DATA_LOSS);
  EXPECT_TRUE(absl::StrContains(status.error_message(), largest->stored_at()))
      << status.error_message();

  const std::string restored = dir_.Sub("restored");
  EXPECT_EQ(RestoreCommand({info.path(), restored, "--master_key", DataDir() + "/master.key"}), 1);
  EXPECT_FALSE(fs::exists(restored));
  EXPECT_FALSE(fs::exists(restored + ".restoring"));
}

TEST_F(BackupTest, TheMasterKeyIsLeftOutUnlessAskedAndARestoreAsksForIt) {
  const std::string ref = RecordPerson("Lê Văn Tám");

  const coop::v1::BackupInfo without = BackupOk();
  EXPECT_FALSE(without.includes_keys());
  auto manifest = backup::ReadManifest(without.path());
  ASSERT_OK(manifest);
  for (const auto& file : manifest->files()) EXPECT_NE(file.component(), "keys") << file.name();
  const std::string restored = dir_.Sub("restored");
  EXPECT_EQ(RestoreCommand({without.path(), restored}), 1) << "no key given";
  EXPECT_FALSE(fs::exists(restored));
  // Another key: the vault does not open with it.
  auto other = vault::MasterKey::Random();
  ASSERT_OK(other);
  const std::string other_file = dir_.Sub("other.key");
  {
    std::ofstream out(other_file);
    out << other->Hex() << "\n";
  }
  fs::permissions(other_file, fs::perms::owner_read | fs::perms::owner_write,
                  fs::perm_options::replace);
  EXPECT_EQ(RestoreCommand({without.path(), restored, "--master_key", other_file}), 1);
  EXPECT_FALSE(fs::exists(restored));

  const coop::v1::BackupInfo with = BackupOk(/*include_keys=*/true);
  EXPECT_TRUE(with.includes_keys());
  ASSERT_EQ(RestoreCommand({with.path(), restored}), 0);
  StartRestored(restored);
  coop::v1::PersonDetails details;
  ASSERT_NO_FATAL_FAILURE(details = RestoredPerson(ref));
  EXPECT_EQ(details.full_name(), "Lê Văn Tám");
}

TEST_F(BackupTest, AnErasureRecordedAfterTheBackupIsAppliedAgainOnRestore) {
  const std::string ref = RecordPerson("Trần Thị Mai");
  const coop::v1::BackupInfo info = BackupOk();

  coop::v1::ForgetPersonRequest forget;
  *forget.mutable_header() = Header("2026-12-05");
  forget.set_person_ref(ref);
  forget.set_ground("yêu cầu của chủ thể dữ liệu / data subject's request");
  coop::v1::CommandReply forgotten;
  const grpc::Status erased = people_->ForgetPerson(Context().get(), forget, &forgotten);
  ASSERT_TRUE(erased.ok()) << erased.error_message();
  ASSERT_GT(forgotten.position(), info.log_head_position())
      << "the backup's log knows nothing of it";
  auto journal = backup::ReadErasureJournal(backup::ErasureJournalPath(BackupDir()));
  ASSERT_OK(journal);
  ASSERT_EQ(journal->size(), 1u);
  EXPECT_EQ((*journal)[0].person_ref(), ref);

  const std::string restored = dir_.Sub("restored");
  ASSERT_EQ(RestoreCommand({info.path(), restored, "--master_key", DataDir() + "/master.key"}), 0);
  StartRestored(restored);
  EXPECT_EQ(restored_->store().GetLogInfo().head_position(), info.log_head_position());
  coop::v1::PersonDetails details;
  ASSERT_NO_FATAL_FAILURE(details = RestoredPerson(ref));
  EXPECT_EQ(details.full_name(), "") << "the details came back";
  EXPECT_TRUE(details.has_erasure());
  EXPECT_EQ(details.erasure().position(), forgotten.position());
}

TEST_F(BackupTest, ARestoreWithoutTheErasureJournalIsRefusedUnlessWaived) {
  RegisterNumber(1);
  const coop::v1::BackupInfo info = BackupOk();
  fs::rename(backup::ErasureJournalPath(BackupDir()), dir_.Sub("journal-elsewhere.jsonl"));
  const std::string restored = dir_.Sub("restored");
  const std::string key = DataDir() + "/master.key";
  EXPECT_EQ(RestoreCommand({info.path() + "/", restored, "--master_key", key}), 1)
      << "it would bring back people erased after the backup";
  EXPECT_FALSE(fs::exists(restored));
  EXPECT_EQ(RestoreCommand({info.path() + "/", restored + "/", "--master_key", key,
                            "--erasure_journal", dir_.Sub("journal-elsewhere.jsonl")}),
            0)
      << "trailing slashes are fine";
  EXPECT_TRUE(fs::exists(restored + "/CURRENT"));
  const std::string waived = dir_.Sub("waived");
  EXPECT_EQ(RestoreCommand({info.path(), waived, "--master_key", key, "--without_erasure_journal"}),
            0);
}

TEST_F(BackupTest, AnotherProcessWritingABackupInTheFolderIsAbortedAndNothingIsKept) {
  RegisterNumber(1);
  fs::create_directories(BackupDir());
  const int fd = ::open((BackupDir() + "/.lock").c_str(), O_RDWR | O_CREAT, 0600);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  coop::v1::BackupInfo info;
  const grpc::Status status = Backup(&info);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED) << status.error_message();
  ::close(fd);
  auto backups = backup::ListBackups(BackupDir());
  ASSERT_OK(backups);
  EXPECT_TRUE(backups->empty());
  EXPECT_TRUE(Backup(&info).ok()) << "once the other process is done";
  EXPECT_FALSE(fs::exists(backup::StagingFolder(DataDir()))) << "no staging left behind";
}

TEST_F(BackupTest, TheStagingFolderACrashLeftIsRemovedWhenTheServerStarts) {
  RegisterNumber(1);
  server_->Shutdown();
  server_.reset();
  // What a kill -9 mid-backup leaves: hard links to the tables of that moment.
  const std::string staging = backup::StagingFolder(DataDir());
  fs::create_directories(staging + "/events");
  std::ofstream(staging + "/events/000001.sst") << "a table of that moment";
  StartServer();
  EXPECT_FALSE(fs::exists(staging));
  admin_ = coop::v1::Admin::NewStub(channel_);
  coop::v1::BackupInfo info;
  EXPECT_TRUE(Backup(&info).ok());
}

class NoBackupFolderTest : public RegistryFixture {};

TEST_F(NoBackupFolderTest, WithoutABackupFolderABackupIsAFailedPreconditionSayingWhichFlag) {
  auto admin = coop::v1::Admin::NewStub(channel_);
  coop::v1::BackupInfo info;
  const grpc::Status status = admin->CreateBackup(Context().get(), {}, &info);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_TRUE(absl::StrContains(status.error_message(), "--backup_dir")) << status.error_message();
}

}  // namespace
}  // namespace coop::testing
