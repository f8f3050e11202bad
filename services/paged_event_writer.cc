#include "services/paged_event_writer.h"

#include <utility>

#include "services/grpc_status.h"

namespace coop::services {

PagedEventWriter::PagedEventWriter(NextPage next_page) : next_page_(std::move(next_page)) {
  SendNext();
}

void PagedEventWriter::OnWriteDone(bool ok) {
  if (!ok) {
    Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the client stopped reading"));
    return;
  }
  SendNext();
}

void PagedEventWriter::SendNext() {
  if (page_.empty()) {
    auto next = next_page_();
    if (!next.ok()) {
      Finish(ToGrpcStatus(next.status()));
      return;
    }
    if (next->events.empty()) {
      if (next->capped) {
        *message_.mutable_capped() = *next->capped;
        StartWrite(&message_);
        return;
      }
      if (next->checkpoint == 0) {
        Finish(grpc::Status::OK);
        return;
      }
      message_.mutable_checkpoint()->set_position(next->checkpoint);
      StartWrite(&message_);
      return;
    }
    page_.assign(std::make_move_iterator(next->events.begin()),
                 std::make_move_iterator(next->events.end()));
  }
  *message_.mutable_event() = std::move(page_.front());
  page_.pop_front();
  StartWrite(&message_);
}

}  // namespace coop::services
