#include "tools/coopctl/command_catalog.h"

#include <google/protobuf/descriptor_database.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "coop/v1/registry.pb.h"

namespace coop::coopctl {
namespace {

using google::protobuf::DescriptorPool;
using google::protobuf::FileDescriptor;

// The built-in subcommands a generated name must not shadow.
const std::set<std::string>& ReservedNames() {
  static const std::set<std::string> names = {"append", "read",    "tail",   "info",
                                              "verify", "history", "import", "help"};
  return names;
}

// Splits "RegisterCooperative" / "HTTPServer2" into words: a new word starts at an upper-case
// letter after a lower-case letter or digit, or before the last capital of an acronym.
std::vector<std::string> CamelWords(const std::string& camel) {
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i < camel.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(camel[i]);
    if (c == '_') {
      if (!word.empty()) words.push_back(word);
      word.clear();
      continue;
    }
    if (std::isupper(c) && !word.empty()) {
      const unsigned char prev = static_cast<unsigned char>(camel[i - 1]);
      const bool next_lower =
          i + 1 < camel.size() && std::islower(static_cast<unsigned char>(camel[i + 1]));
      if (!std::isupper(prev) || next_lower) {
        words.push_back(word);
        word.clear();
      }
    }
    word.push_back(static_cast<char>(c));
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Join(const std::vector<std::string>& words, const std::string& separator) {
  std::string text;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) text += separator;
    text += words[i];
  }
  return text;
}

std::vector<const FileDescriptor*> LoadCoopFiles() {
  // Referencing CommandReply keeps registry.pb.cc (and so its descriptors) in the binary even
  // if coop::proto were linked as an ordinary archive; CMake links it whole, which brings in
  // every other .pb.cc of the library, whether or not coopctl refers to it.
  const FileDescriptor* anchor = coop::v1::CommandReply::descriptor()->file();
  const DescriptorPool* pool = DescriptorPool::generated_pool();
  std::vector<std::string> names;
  if (!DescriptorPool::internal_generated_database()->FindAllFileNames(&names)) {
    names = {anchor->name()};
  }
  std::sort(names.begin(), names.end());
  std::vector<const FileDescriptor*> files;
  for (const std::string& name : names) {
    const FileDescriptor* file = pool->FindFileByName(name);
    if (file != nullptr && file->package() == kCommandPackage) files.push_back(file);
  }
  return files;
}

std::vector<CommandRpc> LoadCommandRpcs() {
  std::vector<CommandRpc> rpcs;
  for (const FileDescriptor* file : CoopFiles()) {
    for (int s = 0; s < file->service_count(); ++s) {
      const auto* service = file->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        const auto* method = service->method(m);
        if (method->client_streaming() || method->server_streaming()) continue;
        if (method->output_type()->full_name() != kCommandReplyType) continue;
        rpcs.push_back({KebabCase(method->name()), method});
      }
    }
  }
  // Names shared by two services, or equal to a built-in subcommand, get the service prefix.
  std::map<std::string, int> uses;
  for (const auto& rpc : rpcs) ++uses[rpc.name];
  for (auto& rpc : rpcs) {
    if (uses[rpc.name] > 1 || ReservedNames().count(rpc.name) > 0) {
      rpc.name = KebabCase(rpc.method->service()->name()) + "-" + rpc.name;
    }
  }
  return rpcs;
}

}  // namespace

std::string CommandRpc::Path() const {
  return "/" + method->service()->full_name() + "/" + method->name();
}

const std::vector<const FileDescriptor*>& CoopFiles() {
  static const std::vector<const FileDescriptor*> files = LoadCoopFiles();
  return files;
}

const std::vector<CommandRpc>& CommandRpcs() {
  static const std::vector<CommandRpc> rpcs = LoadCommandRpcs();
  return rpcs;
}

const CommandRpc* FindCommandRpc(const std::string& name) {
  const CommandRpc* by_rpc_name = nullptr;
  int rpc_name_matches = 0;
  for (const auto& rpc : CommandRpcs()) {
    if (rpc.name == name || rpc.method->full_name() == name) return &rpc;
    if (rpc.method->name() == name) {
      by_rpc_name = &rpc;
      ++rpc_name_matches;
    }
  }
  return rpc_name_matches == 1 ? by_rpc_name : nullptr;
}

std::string KebabCase(const std::string& camel) {
  std::vector<std::string> words = CamelWords(camel);
  for (auto& word : words) word = Lower(word);
  return Join(words, "-");
}

std::string HumanCase(const std::string& camel) {
  std::vector<std::string> words = CamelWords(camel);
  for (size_t i = 1; i < words.size(); ++i) {
    // Keep acronyms ("OCOP") as they are; lower-case ordinary words.
    bool all_upper = words[i].size() > 1;
    for (char c : words[i]) all_upper = all_upper && !std::islower(static_cast<unsigned char>(c));
    if (!all_upper) words[i] = Lower(words[i]);
  }
  return Join(words, " ");
}

std::string UpperSnakeCase(const std::string& camel) {
  std::vector<std::string> words = CamelWords(camel);
  for (auto& word : words) {
    for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return Join(words, "_");
}

}  // namespace coop::coopctl
