#include "tools/bench/redis_connection.h"

#include <hiredis/hiredis.h>

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace coop::bench {
namespace {

struct ContextDeleter {
  void operator()(redisContext* context) const { redisFree(context); }
};
using Context = std::unique_ptr<redisContext, ContextDeleter>;

struct ReplyDeleter {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

absl::StatusOr<Context> Connect(const std::string& address) {
  const size_t colon = address.rfind(':');
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(address.substr(colon + 1), &port)) {
    return absl::InvalidArgumentError(absl::StrCat("--redis: '", address, "' is not HOST:PORT"));
  }
  Context context(redisConnect(address.substr(0, colon).c_str(), port));
  if (context == nullptr || context->err != 0) {
    return absl::UnavailableError(absl::StrCat(
        "Redis (", address, "): ", context == nullptr ? "out of memory" : context->errstr));
  }
  return context;
}

absl::Status Outcome(redisContext* context, redisReply* reply) {
  if (reply == nullptr) return absl::UnavailableError(context->errstr);
  if (reply->type == REDIS_REPLY_ERROR) return absl::UnknownError(reply->str);
  return absl::OkStatus();
}

absl::StatusOr<std::string> Setting(redisContext* context, const char* name) {
  Reply reply(static_cast<redisReply*>(redisCommand(context, "CONFIG GET %s", name)));
  if (auto st = Outcome(context, reply.get()); !st.ok()) return st;
  if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 2) {
    return absl::InternalError(absl::StrCat("CONFIG GET ", name, ": unexpected reply"));
  }
  return std::string(reply->element[1]->str, reply->element[1]->len);
}

class Redis final : public AppendConnection {
 public:
  Redis(Context context, bool pipelined) : context_(std::move(context)), pipelined_(pipelined) {}
  bool pipelined() const override { return pipelined_; }

  absl::Status Send(const SingleAppend& append, bool /*more_follow*/) override {
    // hiredis buffers what is appended until the next redisGetReply.
    const std::string key = absl::StrCat("s:", append.stream);
    if (redisAppendCommand(context_.get(), "XADD %b * id %b payload %b", key.data(), key.size(),
                           append.event_id.data(), append.event_id.size(), append.payload.data(),
                           append.payload.size()) != REDIS_OK) {
      return absl::UnavailableError(context_->errstr);
    }
    return absl::OkStatus();
  }

  absl::Status Receive() override {
    void* raw = nullptr;
    if (redisGetReply(context_.get(), &raw) != REDIS_OK) {
      return absl::UnavailableError(context_->errstr);
    }
    Reply reply(static_cast<redisReply*>(raw));
    return Outcome(context_.get(), reply.get());
  }

 private:
  Context context_;
  bool pipelined_;
};

}  // namespace

absl::Status PrepareRedis(const std::string& address) {
  auto context = Connect(address);
  if (!context.ok()) return context.status();
  for (const auto& [name, want] :
       {std::pair<const char*, const char*>{"appendonly", "yes"}, {"appendfsync", "always"}}) {
    auto value = Setting(context->get(), name);
    if (!value.ok()) return value.status();
    if (*value != want) {
      return absl::FailedPreconditionError(absl::StrCat("Redis runs with ", name, " ", *value,
                                                        "; the comparison needs ", want,
                                                        " (every write fsynced before its reply)"));
    }
  }
  Reply reply(static_cast<redisReply*>(redisCommand(context->get(), "FLUSHALL")));
  return Outcome(context->get(), reply.get());
}

absl::StatusOr<std::unique_ptr<AppendConnection>> RedisConnection(const std::string& address,
                                                                  bool pipelined) {
  auto context = Connect(address);
  if (!context.ok()) return context.status();
  return std::unique_ptr<AppendConnection>(new Redis(std::move(*context), pipelined));
}

}  // namespace coop::bench
