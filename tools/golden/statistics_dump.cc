#include "tools/golden/statistics_dump.h"

#include <algorithm>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tools/golden/area_tree.h"
#include "tools/golden/canonical_text.h"
#include "tools/golden/statistics_text.h"

namespace coop::golden {
namespace {

constexpr int kFirstYear = 1990;  // the years coopd answers for
constexpr int kLastYear = 2100;

// Errors that are the server's answer to the question asked, written as a line; any other
// error says the server could not answer, and ends the dump.
bool IsAnswer(grpc::StatusCode code) {
  return code == grpc::StatusCode::NOT_FOUND || code == grpc::StatusCode::INVALID_ARGUMENT ||
         code == grpc::StatusCode::OUT_OF_RANGE;
}

std::string CountText(size_t taken, size_t of) {
  return taken == of ? absl::StrCat("tất cả / all ", of) : absl::StrCat(taken, " / ", of);
}

class Dumper {
 public:
  Dumper(const std::shared_ptr<grpc::Channel>& channel, const DumpOptions& options)
      : stub_(coop::v1::Reporting::NewStub(channel)), options_(options) {}

  absl::StatusOr<std::string> Run() {
    if (auto st = Validate(); !st.ok()) return st;
    for (const auto& set : options_.unit_sets) {
      if (auto st = UnitSet(set); !st.ok()) return st;
    }
    if (auto st = Cooperatives(); !st.ok()) return st;
    std::string text;
    for (const auto& line : Header()) absl::StrAppend(&text, line, "\n");
    for (const auto& line : lines_) absl::StrAppend(&text, line, "\n");
    return text;
  }

 private:
  absl::Status Validate() const {
    const auto& o = options_;
    if (o.first_year < kFirstYear || o.last_year > kLastYear || o.first_year > o.last_year) {
      return absl::InvalidArgumentError(absl::StrCat("years ", o.first_year, "-", o.last_year,
                                                     ": must lie within ", kFirstYear, "-",
                                                     kLastYear, ", first to last"));
    }
    if (o.unit_sets.empty()) return absl::InvalidArgumentError("unit_sets: none given");
    for (int64_t n : {o.districts, o.communes, o.cooperatives}) {
      if (n < 0 && n != kAll) {
        return absl::InvalidArgumentError(absl::StrCat("a count of ", n, ": must be kAll or >= 0"));
      }
    }
    return absl::OkStatus();
  }

  void Progress(const std::string& what) const {
    if (options_.progress) options_.progress(what);
  }

  // The nation, the provinces, then the districts and communes of the provinces with data.
  absl::Status UnitSet(const std::string& set) {
    if (auto st = Area(set, "nation", "", nullptr); !st.ok()) return st;
    auto provinces = ListChildren(*stub_, options_.call, set, "");
    if (!provinces.ok()) return provinces.status();
    std::vector<std::string> with_data;
    for (const auto& province : *provinces) {
      bool any = false;
      if (auto st = Area(set, "province", province.area().code(), &any); !st.ok()) return st;
      if (any) {
        with_data.push_back(province.area().code());
        descended_.push_back(absl::StrCat(province.area().code(), "@", set));
      }
    }
    Progress(absl::StrCat(set, ": ", provinces->size(), " tỉnh / provinces, ", with_data.size(),
                          " có số liệu / with data"));
    auto below = ListBelow(*stub_, options_.call, set, with_data);
    if (!below.ok()) return below.status();
    std::string counts = absl::StrCat("# ", set, ": tỉnh / provinces ", provinces->size());
    if (auto st = Sample(set, "district", below->districts, options_.districts, &counts);
        !st.ok()) {
      return st;
    }
    if (auto st = Sample(set, "commune", below->communes, options_.communes, &counts); !st.ok()) {
      return st;
    }
    counts_.push_back(std::move(counts));
    return absl::OkStatus();
  }

  // The areas EvenSample(n) picks of `areas` (of `level`), noting how many in `counts`.
  absl::Status Sample(const std::string& set, const std::string& level,
                      const std::vector<coop::v1::AreaEntry>& areas, int64_t n,
                      std::string* counts) {
    if (areas.empty()) return absl::OkStatus();
    const auto picked = EvenSample(areas.size(), n);
    for (size_t i : picked) {
      if (auto st = Area(set, level, areas[i].area().code(), nullptr); !st.ok()) return st;
    }
    const char* words = level == "district" ? "huyện / districts" : "xã / communes";
    absl::StrAppend(counts, "; ", words, " ", CountText(picked.size(), areas.size()));
    Progress(absl::StrCat(set, ": ", picked.size(), " ", words));
    return absl::OkStatus();
  }

  // One line per year for one area; `any` (if given): whether some figure was not zero.
  absl::Status Area(const std::string& set, const std::string& level, const std::string& code,
                    bool* any) {
    const std::string scope =
        code.empty() ? absl::StrCat(level, "@", set) : absl::StrCat(level, ":", code, "@", set);
    for (int year = options_.first_year; year <= options_.last_year; ++year) {
      coop::v1::AnnualStatisticsRequest request;
      request.mutable_scope()->mutable_area()->set_code(code);
      request.mutable_scope()->mutable_area()->set_unit_set(set);
      request.mutable_scope()->set_year(year);
      coop::v1::AnnualStatisticsReply reply;
      auto status = stub_->GetAnnualStatistics(NewContext(options_.call).get(), request, &reply);
      const std::string key = absl::StrCat("stats ", year, " ", scope);
      if (!status.ok()) {
        if (!IsAnswer(status.error_code())) {
          return FromGrpc(status, absl::StrCat("GetAnnualStatistics ", year, " ", scope));
        }
        lines_.push_back(absl::StrCat(
            key, " error ",
            absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())), " \"",
            absl::Utf8SafeCEscape(status.error_message()), "\""));
        continue;
      }
      if (catalogue_.empty()) catalogue_.Set(reply.figures());
      if (any != nullptr && AnyFigure(reply)) *any = true;
      lines_.push_back(absl::StrCat(key, " ", StatisticsLine(reply, catalogue_)));
    }
    return absl::OkStatus();
  }

  absl::Status Cooperatives() {
    std::vector<coop::v1::CooperativeView> views;
    std::string token;
    do {
      coop::v1::ListCooperativesRequest request;
      request.set_page_size(1000);
      request.set_page_token(token);
      coop::v1::ListCooperativesReply reply;
      auto status = stub_->ListCooperatives(NewContext(options_.call).get(), request, &reply);
      if (!status.ok()) return FromGrpc(status, "ListCooperatives");
      for (auto& view : *reply.mutable_cooperatives()) views.push_back(std::move(view));
      token = reply.next_page_token();
    } while (!token.empty());
    std::sort(views.begin(), views.end(),
              [](const auto& a, const auto& b) { return a.cooperative_id() < b.cooperative_id(); });
    const auto picked = EvenSample(views.size(), options_.cooperatives);
    for (size_t i : picked) {
      coop::v1::CooperativeView view = views[i];
      ClearExcluded(&view);
      lines_.push_back(absl::StrCat("cooperative ", view.cooperative_id(), " ", SingleLine(view)));
    }
    counts_.push_back(absl::StrCat("# HTX và LHHTX / cooperatives and unions: ",
                                   CountText(picked.size(), views.size())));
    Progress(absl::StrCat(picked.size(), " HTX / cooperatives"));
    return absl::OkStatus();
  }

  std::vector<std::string> Header() const {
    std::vector<std::string> h = {
        "# coopledger: bản kết xuất chuẩn số liệu thống kê năm và HTX (định dạng 1) / canonical "
        "dump of the annual statistics and cooperatives (format 1); tools/golden/README.md",
        absl::StrCat("# năm / years ", options_.first_year, "-", options_.last_year,
                     "; bộ đơn vị / unit sets ", absl::StrJoin(options_.unit_sets, " ")),
        absl::StrCat("# huyện và xã của các tỉnh có chỉ số khác 0 / districts and communes of the "
                     "provinces with a figure other than 0: ",
                     descended_.empty() ? "-" : absl::StrJoin(descended_, " "))};
    h.insert(h.end(), counts_.begin(), counts_.end());
    for (const auto& field : ExcludedFields()) {
      h.push_back(absl::StrCat("# bỏ qua / left out: ", field.full_name, " — ", field.why_vi, " / ",
                               field.why_en));
    }
    h.push_back(
        "# stats NĂM/YEAR VÙNG/AREA@BỘ/SET <câu trả lời trừ chỉ số / the reply but its figures> "
        "| <chỉ số khác 0 / figures other than 0: tên/name=giá trị/value, tỷ lệ/percentages "
        "value/denominator(percent%); (0): tất cả bằng 0 / all zero> || unassigned <nhóm / "
        "bucket> |= <mọi chỉ số nhóm có, kể cả 0 / every figure the bucket has, zeros too>");
    h.push_back("# cooperative ID <CooperativeView>");
    const auto figures = catalogue_.HeaderLines();
    h.insert(h.end(), figures.begin(), figures.end());
    return h;
  }

  std::unique_ptr<coop::v1::Reporting::Stub> stub_;
  const DumpOptions& options_;
  FigureCatalogue catalogue_;
  std::vector<std::string> lines_;      // the body
  std::vector<std::string> descended_;  // "96@2025-03": provinces with data
  std::vector<std::string> counts_;     // the header's lines of what was taken
};

}  // namespace

absl::StatusOr<std::string> DumpStatistics(const std::shared_ptr<grpc::Channel>& channel,
                                           const DumpOptions& options) {
  return Dumper(channel, options).Run();
}

}  // namespace coop::golden
