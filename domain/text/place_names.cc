#include "domain/text/place_names.h"

#include <cctype>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace coop::domain::text {
namespace {

struct LevelWord {
  const char* title;  // as the catalogue writes it
  const char* lower;  // in Vietnamese running text
  const char* english;
};

// Longest first, so that "Thành phố" and "Thị xã" win over shorter words.
constexpr LevelWord kLevelWords[] = {
    {"Thành phố", "thành phố", "City"},
    {"Thị trấn", "thị trấn", "Township"},
    {"Thị xã", "thị xã", "Town"},
    {"Đặc khu", "đặc khu", "Special Zone"},
    {"Phường", "phường", "Ward"},
    {"Huyện", "huyện", "District"},
    {"Quận", "quận", "District"},
    {"Tỉnh", "tỉnh", "Province"},
    {"Xã", "xã", "Commune"},
};

struct Split {
  const LevelWord* level = nullptr;
  std::string proper;  // the name after the level word
};

Split SplitName(const std::string& name) {
  for (const auto& level : kLevelWords) {
    for (const char* form : {level.title, level.lower}) {
      const std::string prefix = absl::StrCat(form, " ");
      if (absl::StartsWith(name, prefix) && name.size() > prefix.size()) {
        return {&level, name.substr(prefix.size())};
      }
    }
  }
  return {nullptr, name};
}

bool Numbered(const std::string& proper) {
  return !proper.empty() && std::isdigit(static_cast<unsigned char>(proper.front()));
}

std::string English(const Split& split) {
  if (Numbered(split.proper)) return absl::StrCat(split.level->english, " ", split.proper);
  return absl::StrCat(split.proper, " ", split.level->english);
}

}  // namespace

std::string PlaceInText(const std::string& catalogue_name, Language language) {
  const Split split = SplitName(catalogue_name);
  if (split.level == nullptr) return catalogue_name;
  if (language == Language::kEnglish) return English(split);
  return absl::StrCat(split.level->lower, " ", split.proper);
}

std::string PlaceTitle(const std::string& catalogue_name, Language language) {
  const Split split = SplitName(catalogue_name);
  if (split.level == nullptr) return catalogue_name;
  if (language == Language::kEnglish) return English(split);
  return absl::StrCat(split.level->title, " ", split.proper);
}

}  // namespace coop::domain::text
