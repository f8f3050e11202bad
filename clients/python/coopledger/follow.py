"""Following the log: EventStore/Subscribe as a generator that survives disconnects.

    follower = client.follow(event_filter, from_position=1)
    for event in follower:          # catch-up first, then live, without end
        handle(event)
        if enough:
            follower.stop()         # or from another thread; the loop then ends

coopd's subscription sends the events after a starting point (filters applied), says
`caught_up` when it switches to live events, and sends `checkpoint`s while a filter matches
nothing. The follower remembers the last position it knows to be examined (its last event,
or a caught_up or checkpoint position) and, when the connection is lost or coopd restarts,
subscribes again from the next position, after a backoff that grows to a bound. So the
events it yields have no gap and no duplicate, across reconnects. (Started from_end, it knows
no position until the first caught_up or event: a reconnect before that subscribes from the
end again.)

The follower asks coopd for up to EVENTS_PER_MESSAGE events a message (a long catch-up reads
several times faster) and yields them one by one.

A follower is iterated once, by one thread; stop() may be called from any thread.
"""
import threading

import grpc

from coopledger.errors import error_for, error_from_rpc
from coopledger.v1 import eventstore_pb2

EVENTS_PER_MESSAGE = 256  # coopd's maximum: one page of the log


class Follower:
    """An iterable of RecordedEvent, from a subscription that reconnects after failures.

    Attributes (read them from the iterating thread, or after it ended):
      position     the last position examined (0 before anything was received)
      caught_up    whether the subscription has caught up with the log's head at least once
      reconnects   how many times it subscribed again after a failure
    """

    def __init__(self, stub, *, event_filter=None, from_position=None, from_end=False,
                 from_recorded_at_micros=None, retry, on_caught_up=None, on_reconnect=None):
        self._stub = stub
        self._filter = event_filter
        self._first = (from_position, from_end, from_recorded_at_micros)
        self._retry = retry
        self._on_caught_up = on_caught_up
        self._on_reconnect = on_reconnect
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._call = None
        self.position = 0
        self.caught_up = False
        self.reconnects = 0

    def stop(self):
        """Ends the iteration: the current subscription is cancelled and the loop ends after
        the event it is handling, or at once while it waits."""
        self._stopped.set()
        with self._lock:
            if self._call is not None:
                self._call.cancel()

    @property
    def stopped(self):
        return self._stopped.is_set()

    def _request(self):
        request = eventstore_pb2.SubscribeRequest(max_events_per_message=EVENTS_PER_MESSAGE)
        if self._filter is not None:
            request.filter.CopyFrom(self._filter)
        from_position, from_end, from_micros = self._first
        if self.position:
            request.from_position = self.position + 1
        elif from_end:
            request.from_end = True
        elif from_micros is not None:
            request.from_recorded_at_micros = from_micros
        else:
            request.from_position = from_position or 0
        return request

    def _advance(self, position):
        if position > self.position:
            self.position = position

    def __iter__(self):
        failures = 0
        while not self._stopped.is_set():
            with self._lock:
                if self._stopped.is_set():
                    return
                call = self._call = self._stub.Subscribe(self._request())
            try:
                for response in call:
                    failures = 0
                    kind = response.WhichOneof("content")
                    if kind == "events":
                        for event in response.events.events:
                            self._advance(event.position)
                            yield event
                            if self._stopped.is_set():
                                return
                    elif kind == "event":
                        self._advance(response.event.position)
                        yield response.event
                    elif kind == "caught_up":
                        self._advance(response.caught_up.position)
                        self.caught_up = True
                        if self._on_caught_up is not None:
                            self._on_caught_up(response.caught_up.position)
                    elif kind == "checkpoint":
                        self._advance(response.checkpoint.position)
                    # fell_behind: the server serves the log again; nothing to do here.
                    if self._stopped.is_set():
                        return
                # A subscription does not end by itself: coopd stopped it (shutting down).
                code, error = grpc.StatusCode.UNAVAILABLE, None
            except grpc.RpcError as rpc_error:
                if self._stopped.is_set():
                    return
                code, error = rpc_error.code(), rpc_error
            finally:
                with self._lock:
                    self._call = None
                call.cancel()
            failures += 1
            # CANCELLED that the follower did not ask for is coopd's: it ended a subscriber that
            # stopped reading for too long; subscribe again.
            retryable = self._retry.retryable(code) or code == grpc.StatusCode.CANCELLED
            if not retryable or failures >= self._retry.attempts:
                if error is None:
                    raise error_for(code, "máy chủ đã kết thúc đăng ký theo dõi / the server "
                                    "ended the subscription", failures)
                raise error_from_rpc(error, failures) from None
            if self._stopped.wait(self._retry.delay(failures)):
                return
            self.reconnects += 1
            if self._on_reconnect is not None:
                self._on_reconnect(self.position)
