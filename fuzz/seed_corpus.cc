// fuzz_seed_corpus: writes seed inputs for the fuzz targets from real data (fuzz/README.md,
// "Seeding"): the demo history of Cà Mau as coopd records it (loaded through the command
// services of an in-process server into a temporary folder, then read back from its log),
// the demo's commands as import lines, and excerpts of the reference unit lists.
//
// Usage: fuzz_seed_corpus OUT_DIR   (writes OUT_DIR/<target>/seed-*; fuzz/run.sh merges them
// into fuzz/corpus/). Deterministic but for the log's ids and times, which the server assigns.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "commands/demo/demo_history.h"
#include "domain/areas/csv.h"
#include "domain/areas/embedded_data.h"
#include "fuzz/event_list.h"
#include "services/server.h"

namespace coop::fuzz {
namespace {

namespace fs = std::filesystem;
using Log = std::vector<coop::v1::RecordedEvent>;

constexpr size_t kStreamsPerCategory = 3;
constexpr size_t kCommandsPerMethod = 2;

class SeedWriter {
 public:
  explicit SeedWriter(fs::path root) : root_(std::move(root)) {}
  void Write(const std::string& target, const std::string& name, const std::string& bytes) {
    fs::create_directories(root_ / target);
    std::ofstream(root_ / target / ("seed-" + name), std::ios::binary) << bytes;
    ++written_[target];
  }
  void Report() const {
    for (const auto& [target, count] : written_) std::cout << target << ": " << count << "\n";
  }

 private:
  fs::path root_;
  std::map<std::string, int> written_;
};

// The demo history as coopd records it: every event of the log, in position order.
absl::StatusOr<Log> RecordDemoHistory(const fs::path& dir) {
  services::ServerOptions options;
  options.data_dir = dir.string();
  options.listen = "127.0.0.1:0";
  options.demo = true;
  const base::JsonLog server_log(&std::cerr, base::LogLevel::kInfo);
  options.log = &server_log;
  auto server = services::CoopServer::Start(options);
  if (!server.ok()) return server.status();
  Log log;
  eventstore::ReadAllQuery query;
  for (;;) {
    auto page = (*server)->store().ReadAll(query);
    if (!page.ok()) return page.status();
    log.insert(log.end(), page->events.begin(), page->events.end());
    if (page->end_of_log || page->events.empty()) break;
    query.from_position = page->next_position;
  }
  (*server)->Shutdown();
  return log;
}

std::string CategoryOf(const std::string& stream_id) {
  return stream_id.substr(0, stream_id.find('-'));
}

// canonical_event: the first event of every type, as stored (hashes included).
void SeedCanonical(const Log& log, SeedWriter& out) {
  std::set<std::string> types;
  for (const auto& event : log) {
    if (types.insert(event.type()).second) {
      out.Write("canonical_event", event.type(), event.SerializeAsString());
    }
  }
}

// event_payload: the longest streams of every category, every stream with a correction, and
// the start of the log; each behind a byte that picks the page split.
void SeedEventPayload(const Log& log, SeedWriter& out) {
  std::map<std::string, Log> streams;
  for (const auto& event : log) streams[event.stream_id()].push_back(event);
  std::map<std::string, std::vector<const Log*>> by_category;
  std::vector<std::pair<std::string, const Log*>> chosen;
  for (const auto& [id, stream] : streams) {
    by_category[CategoryOf(id)].push_back(&stream);
    for (const auto& event : stream) {
      if (event.type() == "coop.v1.EventVoided" || event.type() == "coop.v1.EventAmended") {
        chosen.emplace_back("corrected-" + id, &stream);
        break;
      }
    }
  }
  for (auto& [category, list] : by_category) {
    std::stable_sort(list.begin(), list.end(),
                     [](const Log* a, const Log* b) { return a->size() > b->size(); });
    for (size_t i = 0; i < list.size() && i < kStreamsPerCategory; ++i) {
      chosen.emplace_back(absl::StrCat(category, "-longest-", i), list[i]);
    }
  }
  const Log start(log.begin(), log.begin() + std::min(log.size(), kMaxEvents));
  chosen.emplace_back("log-start", &start);
  uint8_t choice = 0;
  for (const auto& [name, stream] : chosen) {
    Log events(stream->begin(), stream->begin() + std::min(stream->size(), kMaxEvents));
    out.Write("event_payload", name,
              std::string(1, static_cast<char>(choice)) + SerializeEventList(events));
    choice = static_cast<uint8_t>(choice + 97);
  }
}

// The request type of a demo command's method ("/coop.v1.Registry/RegisterCooperative").
const google::protobuf::Descriptor* RequestTypeOf(const std::string& method) {
  std::string name = method.substr(1);
  std::replace(name.begin(), name.end(), '/', '.');
  const auto* found = google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(name);
  return found == nullptr ? nullptr : found->input_type();
}

// command: for the first commands of every method, the events its aggregate's stream held
// before the command's date, then the command. import_line: the same commands as lines, once
// with their command id and once without.
void SeedCommands(const Log& log, SeedWriter& out) {
  std::map<std::string, Log> by_aggregate;  // the stream id after its category's "-"
  for (const auto& event : log) {
    const size_t dash = event.stream_id().find('-');
    if (dash != std::string::npos)
      by_aggregate[event.stream_id().substr(dash + 1)].push_back(event);
  }
  std::map<std::string, size_t> seen;
  for (const auto& command : demo::CaMauDemoHistory()) {
    if (seen[command.method]++ >= kCommandsPerMethod) continue;
    const auto* type = RequestTypeOf(command.method);
    if (type == nullptr) continue;
    Log given;
    for (const auto& event : by_aggregate[command.aggregate]) {
      if (given.size() + 1 < kMaxEvents && event.occurred_on() < command.occurred_on) {
        given.push_back(event);
      }
    }
    coop::v1::RecordedEvent entry;
    entry.set_type(type->full_name());
    entry.set_payload(command.request);
    given.push_back(entry);
    const std::string name = absl::StrCat(type->name(), "-", seen[command.method]);
    out.Write("command", name, SerializeEventList(given));

    std::unique_ptr<google::protobuf::Message> request(
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
    if (!request->ParseFromString(command.request)) continue;
    for (bool with_id : {true, false}) {
      if (!with_id) {
        const auto* header = type->FindFieldByName("header");
        if (header == nullptr) continue;
        auto* stamp = request->GetReflection()->MutableMessage(request.get(), header);
        stamp->GetReflection()->ClearField(stamp,
                                           stamp->GetDescriptor()->FindFieldByName("command_id"));
      }
      std::string json;
      if (!google::protobuf::util::MessageToJsonString(*request, &json).ok()) continue;
      out.Write(
          "import_line", absl::StrCat(name, with_id ? "-id" : "-derived"),
          absl::StrCat("{\"command\": \"", command.method.substr(command.method.rfind('/') + 1),
                       "\", \"request\": ", json, "}"));
    }
  }
}

// area_data: each reference list cut to one province (Cà Mau, 96: its units, or the rows of
// its old units in the successor table), and each list's first lines.
void SeedAreaData(SeedWriter& out) {
  const struct {
    const char* name;
    std::string_view text;
  } kLists[] = {{"units-2025-03", domain::areas::embedded::kUnits2025_03Csv},
                {"units-2025-07", domain::areas::embedded::kUnits2025_07Csv},
                {"successors-2025-07", domain::areas::embedded::kSuccessors2025_07Csv}};
  std::set<std::string> ca_mau = {"96"};  // codes of province 96 and of every unit within
  for (const auto& list : kLists) {
    std::vector<std::string_view> lines;
    for (std::string_view rest = list.text; !rest.empty();) {
      const size_t end = std::min(rest.find('\n'), rest.size());
      lines.push_back(rest.substr(0, end));
      rest.remove_prefix(std::min(end + 1, rest.size()));
    }
    std::string province = std::string(lines[0]) + "\n", first = province;
    for (size_t i = 1; i < lines.size(); ++i) {
      auto record = domain::areas::ReadCsv(lines[i]);
      if (!record.ok() || record->empty()) continue;
      const auto& fields = (*record)[0].fields;
      // units: code,level,name,parent_code; successors: old_code,old_level,new_code,...
      const bool units = std::string_view(list.name).starts_with("units");
      const std::string& key = units && fields.size() > 3 ? fields[3] : fields[0];
      if (ca_mau.contains(fields[0]) || ca_mau.contains(key)) {
        if (units && std::string_view(list.name) == "units-2025-03") ca_mau.insert(fields[0]);
        province += std::string(lines[i]) + "\n";
      }
      if (i <= 40) first += std::string(lines[i]) + "\n";
    }
    out.Write("area_data", absl::StrCat(list.name, "-ca-mau"), province);
    out.Write("area_data", absl::StrCat(list.name, "-first-lines"), first);
  }
}

int Main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: fuzz_seed_corpus OUT_DIR\n";
    return 2;
  }
  const fs::path scratch = fs::temp_directory_path() / absl::StrCat("coop-seed-", getpid());
  auto log = RecordDemoHistory(scratch);
  std::error_code ignored;
  fs::remove_all(scratch, ignored);
  if (!log.ok()) {
    std::cerr << "fuzz_seed_corpus: the demo history: " << log.status() << "\n";
    return 1;
  }
  std::cerr << "fuzz_seed_corpus: the demo history holds " << log->size() << " events\n";
  SeedWriter out(argv[1]);
  SeedCanonical(*log, out);
  SeedEventPayload(*log, out);
  SeedCommands(*log, out);
  SeedAreaData(out);
  out.Report();
  return 0;
}

}  // namespace
}  // namespace coop::fuzz

int main(int argc, char** argv) { return coop::fuzz::Main(argc, argv); }
