// PagedEventWriter: a server-streaming reactor that sends pages of events produced on demand,
// one message in flight at a time. It holds at most one page, so a slow reader costs bounded
// memory, and it reads the next page only when the client has taken the previous one.
//
// Lifetime: owned by gRPC; deletes itself in OnDone. Callbacks come from gRPC threads, one at
// a time (gRPC serialises a reactor's reactions).
#ifndef COOPLEDGER_SERVICES_PAGED_EVENT_WRITER_H_
#define COOPLEDGER_SERVICES_PAGED_EVENT_WRITER_H_

#include <grpcpp/grpcpp.h>

#include <deque>
#include <functional>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "coop/v1/eventstore.pb.h"

namespace coop::services {

class PagedEventWriter final : public grpc::ServerWriteReactor<coop::v1::ReadResponse> {
 public:
  struct Page {
    std::vector<coop::v1::RecordedEvent> events;
    // With no events: nothing matched up to this position, but the read goes on (sent to the
    // client as a checkpoint). 0 with no events ends the stream.
    uint64_t checkpoint = 0;
    // With no events: the read stopped at the server's limit; sent as the last message
    // (ReadResponse.capped), after which the next page must be empty.
    std::optional<coop::v1::ReadCapped> capped;
  };
  // Returns the next page; an empty page ends the stream with OK, an error ends it with that
  // error.
  using NextPage = std::function<absl::StatusOr<Page>()>;

  // Starts sending at once.
  explicit PagedEventWriter(NextPage next_page);

  void OnWriteDone(bool ok) override;
  void OnDone() override { delete this; }
  void OnCancel() override {}

 private:
  void SendNext();

  NextPage next_page_;
  std::deque<coop::v1::RecordedEvent> page_;
  coop::v1::ReadResponse message_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_PAGED_EVENT_WRITER_H_
