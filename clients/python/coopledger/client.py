"""Client: one connection to coopd, and the calls people build their own tools with.

    import coopledger
    from coopledger.v1 import registry_pb2

    with coopledger.Client("127.0.0.1:50051") as client:          # open mode, loopback
        request = registry_pb2.RecordGeneralMeetingRequest(cooperative_id=coop_id)
        request.header.occurred_on = "2025-04-20"
        request.general_meeting_held.fiscal_year = 2024
        reply = client.run(request)          # a new command id; retried with the same id
        for event in client.read_stream(reply.stream_id):
            print(event.position, event.type)

    client = coopledger.Client("coop.example:50051", tls_ca="ca.pem",
                               token_file="~/.coopledger/reader.token")

Every method turns a refusal into a coopledger.CoopError subclass (errors.py). Calls that are
safe to repeat (commands with their command id, appends with their event ids, reads) are
retried after a lost connection or a timeout, as `retry` (a RetryPolicy) says; the raw stubs
(client.stubs) are not.

Thread-safe: a Client may be shared by threads (gRPC channels are); a generator it returns is
used by one thread at a time.
"""
import atexit
import os
import time
import weakref

import grpc

from coopledger import commands, reading
from coopledger.connection import TOKEN_ENV, close_channel, open_channel, read_token
from coopledger.errors import CoopError, error_from_rpc
from coopledger.follow import Follower
from coopledger.retry import NO_RETRY, RetryPolicy
from coopledger.v1 import (admin_pb2_grpc, audit_pb2_grpc, corrections_pb2_grpc, event_pb2,
                           eventstore_pb2, eventstore_pb2_grpc, health_pb2, health_pb2_grpc,
                           people_pb2_grpc, planning_pb2_grpc, programs_pb2_grpc,
                           registry_pb2_grpc, reporting_pb2, reporting_pb2_grpc)

DEFAULT_TARGET = "127.0.0.1:50051"
# A follower outlives a restart of coopd: up to 30 consecutive failed attempts, at most 5 s
# apart (about two minutes).
FOLLOW_RETRY = RetryPolicy(attempts=30, first_delay=0.1, max_delay=5.0)

_EXPECTED_KINDS = {"any": eventstore_pb2.ExpectedVersion.ANY,
                   "no_stream": eventstore_pb2.ExpectedVersion.NO_STREAM,
                   "stream_exists": eventstore_pb2.ExpectedVersion.STREAM_EXISTS}


# Clients not closed yet. Their channels are closed at exit, while the threads that poll them
# still run (connection.py says why it matters).
_OPEN_CLIENTS = weakref.WeakSet()


@atexit.register
def _close_open_clients():
    for client in list(_OPEN_CLIENTS):
        client.close()


class Stubs:
    """The generated stubs of every coop.v1 service, on the client's channel (headers and token
    included). Their calls raise grpc.RpcError and are not retried; Client.call() maps and
    retries."""

    def __init__(self, channel):
        self.event_store = eventstore_pb2_grpc.EventStoreStub(channel)
        self.registry = registry_pb2_grpc.RegistryStub(channel)
        self.programs = programs_pb2_grpc.ProgramsStub(channel)
        self.planning = planning_pb2_grpc.PlanningStub(channel)
        self.corrections = corrections_pb2_grpc.CorrectionsStub(channel)
        self.people = people_pb2_grpc.PeopleStub(channel)
        self.reporting = reporting_pb2_grpc.ReportingStub(channel)
        self.audit = audit_pb2_grpc.AuditStub(channel)
        self.admin = admin_pb2_grpc.AdminStub(channel)
        self.health = health_pb2_grpc.HealthStub(channel)


def _expand(path):
    """A file name with "~" expanded (None stays None)."""
    return os.path.expanduser(path) if path else path


def area(code, unit_set=""):
    """A coop.v1.Area: a statistics-office code and its unit set ("2025-03", "2025-07")."""
    return event_pb2.Area(code=code, unit_set=unit_set)


def event_filter(*, areas=(), stream_prefixes=(), event_types=()):
    """A coop.v1.EventFilter. Within a list any entry matches; all lists given must match.
    areas: Area messages or (code, unit_set) pairs (exact: a district's events carry their
    communes' codes, so list the communes)."""
    result = eventstore_pb2.EventFilter(stream_prefixes=list(stream_prefixes),
                                        event_types=list(event_types))
    for entry in areas:
        result.areas.append(entry if isinstance(entry, event_pb2.Area) else area(*entry))
    return result


class Client:
    """A connection to coopd. See the module's documentation."""

    def __init__(self, target=DEFAULT_TARGET, *, tls_ca=None, tls_cert=None, tls_key=None,
                 tls_server_name=None, token_file=None, token_env=TOKEN_ENV, actor=None,
                 agency=None, client_name="coopledger-python", timeout=30.0,
                 retry=RetryPolicy(), channel_options=()):
        """Opens a channel (lazily: nothing is sent before the first call).

        target           "host:port" of coopd
        tls_ca, tls_cert, tls_key, tls_server_name   TLS, as coopctl's flags of those names
        token_file       a file with the bearer token on its first line; without it the
                         token is taken from the environment variable `token_env`
                         (COOP_TOKEN), if set
        actor, agency    who records, in coopd's open mode only (x-coop-actor, x-coop-agency);
                         with authentication on, the principal's name and agency are recorded
        client_name      recorded as the events' metadata.client (x-coop-client)
        timeout          seconds each unary call (and each page of a read) may take
        retry            the RetryPolicy of calls safe to repeat
        channel_options  more gRPC channel arguments, (name, value) pairs
        """
        token = read_token(_expand(token_file), token_env)
        self._channel, self._raw_channel = open_channel(
            target, tls_ca=_expand(tls_ca), tls_cert=_expand(tls_cert), tls_key=_expand(tls_key),
            tls_server_name=tls_server_name, token=token, actor=actor, agency=agency,
            client_name=client_name, channel_options=channel_options)
        self.target = target
        self.client_name = client_name
        self.actor, self.agency = actor or "", agency or ""
        self.timeout = timeout
        self.retry = retry
        self.stubs = Stubs(self._channel)
        self._followers = weakref.WeakSet()
        self._closed = False
        _OPEN_CLIENTS.add(self)

    # --- the connection ---

    def close(self):
        """Stops the client's followers and closes the channel; calls in flight are cancelled.
        A client still open when the program exits is closed then. Call it from one thread."""
        if self._closed:
            return
        self._closed = True
        _OPEN_CLIENTS.discard(self)
        for follower in list(self._followers):
            follower.stop()
        close_channel(self._raw_channel)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def call(self, method, request, *, timeout=None, retry=NO_RETRY):
        """Calls a unary method of client.stubs (e.g. client.stubs.reporting.GetCooperative)
        with `request`; returns its reply or raises a CoopError. Not retried unless `retry`
        says so: only pass a RetryPolicy for a call that is safe to repeat."""
        failures = 0
        while True:
            try:
                return method(request, timeout=timeout or self.timeout)
            except grpc.RpcError as error:
                failures += 1
                if not retry.retryable(error.code()) or failures >= retry.attempts:
                    raise error_from_rpc(error, failures) from None
                time.sleep(retry.delay(failures))

    def health(self, service="", timeout=5.0):
        """The server's health as grpc.health.v1 says it: "SERVING", "NOT_SERVING", ..."""
        reply = self.call(self.stubs.health.Check,
                          health_pb2.HealthCheckRequest(service=service), timeout=timeout)
        return health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)

    def wait_until_serving(self, timeout=30.0):
        """Waits until the server says SERVING; raises the last error after `timeout` s."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                if self.health(timeout=max(0.1, min(2.0, deadline - time.monotonic()))) == (
                        "SERVING"):
                    return
                last = None
            except CoopError as error:  # down or starting: kept to raise at the deadline
                last = error
            if time.monotonic() >= deadline:
                if last is not None:
                    raise last
                raise TimeoutError(f"{self.target}: máy chủ chưa sẵn sàng sau {timeout} s / "
                                   f"not serving after {timeout} s")
            time.sleep(0.1)

    # --- commands ---

    @staticmethod
    def new_command_id():
        """A new command id (a random UUID)."""
        return commands.new_command_id()

    def run(self, request, *, command_id=None, timeout=None, retry=None):
        """Runs a command (any request with a CommandHeader: Registry, Programs, Planning,
        Corrections, People) and returns its reply (a CommandReply, or for People's
        RecordPerson and UpdatePerson a RecordPersonReply).

        The command id is `command_id`, else the request's header.command_id, else a new
        UUID; `request` itself is not changed. After a lost connection or a timeout the same
        request, with the same id, is sent again (as `retry` says): coopd executes a command
        id once, so a command that was executed before the reply was lost comes back as its
        first result with `duplicate` set, and nothing is written twice.
        """
        rpc = commands.command_rpc(request)
        sent = type(request)()
        sent.CopyFrom(request)
        sent.header.command_id = (command_id or request.header.command_id or
                                  commands.new_command_id())
        method = getattr(rpc.stub_class(self._channel), rpc.method)
        return self.call(method, sent, timeout=timeout, retry=retry or self.retry)

    def append(self, stream_id, events, *, expected="any", timeout=None, retry=None):
        """Appends events to one stream (EventStore/Append; for streams of your own, e.g.
        "note-…": the domain's streams take commands). `events` are ProposedEvent messages;
        an empty event_id is set to a new UUID and schema_version 0 to 1, so that a retry
        after a lost connection sends the same ids and coopd answers with the first result
        (`duplicate` set); empty metadata.client, actor and agency are the client's.
        `expected`: "any", "no_stream", "stream_exists", or a version (int; 0 = the stream
        must not exist). Returns the AppendResponse."""
        append = eventstore_pb2.StreamAppend(stream_id=stream_id)
        if isinstance(expected, int) and not isinstance(expected, bool):
            append.expected.kind = eventstore_pb2.ExpectedVersion.EXACT
            append.expected.version = expected
        elif expected in _EXPECTED_KINDS:
            append.expected.kind = _EXPECTED_KINDS[expected]
        else:
            raise ValueError(f"expected={expected!r}: dùng / use 'any', 'no_stream', "
                             f"'stream_exists' hoặc / or a version (int)")
        for event in events:
            proposed = append.events.add()
            proposed.CopyFrom(event)
            if not proposed.event_id:
                proposed.event_id = commands.new_command_id()
            if not proposed.schema_version:
                proposed.schema_version = 1
            if not proposed.metadata.client:
                proposed.metadata.client = self.client_name
            # In open mode a raw append records the actor and agency its events carry.
            if not proposed.metadata.actor:
                proposed.metadata.actor = self.actor
            if not proposed.metadata.agency:
                proposed.metadata.agency = self.agency
        request = eventstore_pb2.AppendRequest(streams=[append])
        return self.call(self.stubs.event_store.Append, request, timeout=timeout,
                         retry=retry or self.retry)

    # --- reading the log ---

    def read_stream(self, stream_id, *, from_version=0, backwards=False, limit=0):
        """A generator of the RecordedEvents of one stream (see reading.read_stream)."""
        return reading.read_stream(self.stubs.event_store, stream_id, from_version=from_version,
                                   backwards=backwards, limit=limit, retry=self.retry,
                                   timeout=self.timeout)

    def read_all(self, *, from_position=0, to_position=0, event_filter=None, backwards=False,
                 limit=0):
        """A generator of the RecordedEvents of the log, filtered on the server (see
        reading.read_all and coopledger.event_filter)."""
        return reading.read_all(self.stubs.event_store, from_position=from_position,
                                to_position=to_position, event_filter=event_filter,
                                backwards=backwards, limit=limit, retry=self.retry,
                                timeout=self.timeout)

    def follow(self, event_filter=None, *, from_position=None, from_end=False,
               from_recorded_at_micros=None, retry=FOLLOW_RETRY, on_caught_up=None,
               on_reconnect=None):
        """A Follower: the log's events from a starting point (from_position, default the
        start; from_end; or a recorded-at time), then live, resuming after disconnects
        (follow.py). on_caught_up(position) and on_reconnect(position) are called from the
        iterating thread."""
        follower = Follower(self.stubs.event_store, event_filter=event_filter,
                            from_position=from_position, from_end=from_end,
                            from_recorded_at_micros=from_recorded_at_micros, retry=retry,
                            on_caught_up=on_caught_up, on_reconnect=on_reconnect)
        self._followers.add(follower)
        return follower

    def log_info(self):
        """The log's head position, chain head and write counters (LogInfo)."""
        return self.call(self.stubs.event_store.GetLogInfo, eventstore_pb2.GetLogInfoRequest(),
                         retry=self.retry)

    def stream_info(self, stream_id):
        """A stream's version and positions (StreamInfo); NotFound for an unknown stream."""
        return self.call(self.stubs.event_store.GetStreamInfo,
                         eventstore_pb2.GetStreamInfoRequest(stream_id=stream_id),
                         retry=self.retry)

    # --- reports ---

    @staticmethod
    def _scope(area_code, year, unit_set, in_units, period, as_known_at_position,
               as_known_at_micros):
        scope = reporting_pb2.StatisticsScope(
            area=area(area_code, unit_set), year=year, in_units=in_units,
            as_known_at_position=as_known_at_position, as_known_at_micros=as_known_at_micros)
        if period == "reporting_year":
            scope.period = reporting_pb2.REPORTING_YEAR
        elif period not in (None, "calendar_year"):
            raise ValueError(f"period={period!r}: 'calendar_year' hoặc / or 'reporting_year'")
        return scope

    def annual_statistics(self, area_code, year, *, unit_set="", lang="", in_units="",
                          period=None, as_known_at_position=0, as_known_at_micros=0,
                          min_position=0):
        """The annual statistics of a commune, district or province ("" or "VN": the nation)
        for a year (AnnualStatisticsReply: every figure with its name, label and value).
        unit_set "": the set in force on 31 December of the year; lang "vi" (default) or
        "en" for the labels; in_units re-aggregates onto another unit set; period
        "reporting_year" for 15 Dec Y-1 to 14 Dec Y; as_known_at_* the figures as known then;
        min_position waits until the projection has applied that position."""
        request = reporting_pb2.AnnualStatisticsRequest(
            scope=self._scope(area_code, year, unit_set, in_units, period, as_known_at_position,
                              as_known_at_micros), min_position=min_position, lang=lang)
        return self.call(self.stubs.reporting.GetAnnualStatistics, request, retry=self.retry)

    def annual_report(self, area_code, year, *, unit_set="", lang="", in_units="", period=None,
                      as_known_at_position=0, as_known_at_micros=0, min_position=0):
        """The year's paragraph of the area's annual report and next year's targets
        (AnnualReportReply), arguments as annual_statistics."""
        request = reporting_pb2.AnnualReportRequest(
            scope=self._scope(area_code, year, unit_set, in_units, period, as_known_at_position,
                              as_known_at_micros), min_position=min_position, lang=lang)
        return self.call(self.stubs.reporting.GetAnnualReport, request, retry=self.retry)

    def explain_statistic(self, area_code, year, statistic, *, unit_set="", lang="", limit=0,
                          in_units="", period=None, as_known_at_position=0,
                          as_known_at_micros=0, min_position=0):
        """The events a figure counted, one line each (ExplainStatisticReply); `statistic` is
        a figure's name ("cooperatives"); limit 0: 1000."""
        request = reporting_pb2.ExplainStatisticRequest(
            scope=self._scope(area_code, year, unit_set, in_units, period, as_known_at_position,
                              as_known_at_micros), statistic=statistic, limit=limit,
            min_position=min_position, lang=lang)
        return self.call(self.stubs.reporting.ExplainStatistic, request, retry=self.retry)

    def list_areas(self, parent="", *, unit_set="", lang=""):
        """The units directly below `parent` (the provinces when ""), in the statistics
        office's order (ListAreasReply)."""
        request = reporting_pb2.ListAreasRequest(parent=parent, unit_set=unit_set, lang=lang)
        return self.call(self.stubs.reporting.ListAreas, request, retry=self.retry)
