"""Reads of the log as Python generators: one stream, or the whole log with a filter.

coopd sends a read in pages: a read it stops at its own limit ends with `capped` and the place
to read on from, and a sparse filtered read sends `checkpoint`s. These generators read on until
the end (or the limit asked for), and resume where they were after a lost connection, so the
caller sees each event once, in order.

A generator is used by one thread at a time.
"""
import time

import grpc

from coopledger.errors import error_from_rpc
from coopledger.v1 import eventstore_pb2


def _paged(call, make_request, key, backwards, limit, beyond, retry, timeout):
    """Yields the events of successive reads. make_request(next_from) builds a request from
    the position (or version) to read from; key(event) is an event's; beyond(k) says when the
    caller's range is left behind."""
    step = -1 if backwards else 1
    next_from, sent, failures = None, 0, 0
    while True:
        responses = call(make_request(next_from, limit - sent if limit else 0), timeout=timeout)
        resume_from = None
        try:
            for response in responses:
                failures = 0
                kind = response.WhichOneof("content")
                if kind == "event":
                    event = response.event
                    if beyond(key(event)):
                        return
                    yield event
                    sent += 1
                    next_from = key(event) + step
                    if (limit and sent >= limit) or next_from <= 0:
                        return
                elif kind == "checkpoint":
                    if beyond(response.checkpoint.position):
                        return
                    next_from = response.checkpoint.position + step
                    if next_from <= 0:
                        return
                elif kind == "capped":
                    resume_from = response.capped.resume_from
        except grpc.RpcError as error:
            failures += 1
            if not retry.retryable(error.code()) or failures >= retry.attempts:
                raise error_from_rpc(error, failures) from None
            time.sleep(retry.delay(failures))
            continue
        finally:
            responses.cancel()
        if resume_from is None:
            return  # the read reached the end of what was asked
        next_from = resume_from


def read_stream(stub, stream_id, *, from_version=0, backwards=False, limit=0, retry, timeout):
    """The events of one stream, from `from_version` (forwards: 0 or 1 = the first; backwards:
    0 = the last), at most `limit` (0: all)."""
    direction = eventstore_pb2.BACKWARDS if backwards else eventstore_pb2.FORWARDS

    def make_request(next_from, remaining):
        return eventstore_pb2.ReadStreamRequest(
            stream_id=stream_id, from_version=from_version if next_from is None else next_from,
            direction=direction, max_count=remaining)

    return _paged(stub.ReadStream, make_request, lambda e: e.stream_version, backwards, limit,
                  lambda version: False, retry, timeout)


def read_all(stub, *, from_position=0, to_position=0, event_filter=None, backwards=False,
             limit=0, retry, timeout):
    """The events of the log matching `event_filter` (an EventFilter; None: all), from
    `from_position` (forwards: 0 or 1 = the start; backwards: 0 = the head) to `to_position`
    (included; 0: the head, or the start backwards), at most `limit` (0: all)."""
    direction = eventstore_pb2.BACKWARDS if backwards else eventstore_pb2.FORWARDS

    def make_request(next_from, remaining):
        request = eventstore_pb2.ReadAllRequest(
            from_position=from_position if next_from is None else next_from,
            direction=direction, max_count=remaining)
        if event_filter is not None:
            request.filter.CopyFrom(event_filter)
        return request

    def beyond(position):
        if not to_position:
            return False
        return position < to_position if backwards else position > to_position

    return _paged(stub.ReadAll, make_request, lambda e: e.position, backwards, limit, beyond,
                  retry, timeout)
