"""A gRPC channel to coopd: TLS, a bearer token, and the headers every call carries.

The token is read from the first line of a file (keep it mode 0600) or from the environment
variable COOP_TOKEN, as coopctl does; it is never taken as a program argument. Like coopctl,
the client refuses to send a token without TLS to another machine (coopd would refuse it too).

Thread-safe once made: a grpc.Channel may be shared by threads.
"""
import collections
import ipaddress
import os
import time

import grpc

TOKEN_ENV = "COOP_TOKEN"
MAX_RECEIVE_BYTES = 32 * 1024 * 1024  # as coopctl: the largest page of a read fits


def read_token(token_file=None, env=TOKEN_ENV):
    """The bearer token: the first line of token_file (trimmed) if given, else the value of
    the environment variable `env`, else None. An empty token is an error."""
    if token_file:
        with open(token_file, encoding="utf-8") as f:
            token = f.readline().strip()
        if not token:
            raise ValueError(f"{token_file}: tệp mã truy cập trống / the token file is empty")
        return token
    value = os.environ.get(env, "").strip() if env else ""
    return value or None


def _read_file(path):
    with open(path, "rb") as f:
        return f.read()


def target_host(target):
    """The host of a gRPC target: "127.0.0.1:50051" -> "127.0.0.1", "[::1]:1" -> "::1"."""
    for scheme in ("dns:///", "dns:", "ipv4:", "ipv6:"):
        if target.startswith(scheme):
            target = target[len(scheme):]
            break
    if target.startswith("["):
        end = target.find("]")
        return target[1:end] if end >= 0 else target
    if target.count(":") > 1:
        return target  # a bare IPv6 address
    return target.split(":", 1)[0]


def is_local_target(target):
    """Whether the target is this machine (loopback or a unix socket)."""
    if target.startswith(("unix:", "unix-abstract:")):
        return True
    host = target_host(target).lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback  # 127.0.0.0/8, ::1; not "127.example"
    except ValueError:
        return False


class _CallDetails(collections.namedtuple(
        "_CallDetails", ("method", "timeout", "metadata", "credentials", "wait_for_ready",
                         "compression")), grpc.ClientCallDetails):
    pass


class _HeaderInterceptor(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor,
                         grpc.StreamUnaryClientInterceptor, grpc.StreamStreamClientInterceptor):
    """Adds fixed headers (authorization, x-coop-client, ...) to every call's metadata."""

    def __init__(self, headers):
        self._headers = tuple(headers)

    def _details(self, details):
        metadata = list(details.metadata or ()) + list(self._headers)
        return _CallDetails(details.method, details.timeout, metadata, details.credentials,
                            details.wait_for_ready, getattr(details, "compression", None))

    def intercept_unary_unary(self, continuation, details, request):
        return continuation(self._details(details), request)

    def intercept_unary_stream(self, continuation, details, request):
        return continuation(self._details(details), request)

    def intercept_stream_unary(self, continuation, details, requests):
        return continuation(self._details(details), requests)

    def intercept_stream_stream(self, continuation, details, requests):
        return continuation(self._details(details), requests)


def _ignore_state(state):
    pass


def close_channel(channel):
    """Stops watching a channel opened by open_channel, and closes it."""
    channel.unsubscribe(_ignore_state)
    # grpcio's polling thread notices within 0.2 s that nobody watches any more; a channel
    # closed before that makes it fail with a traceback. grpcio says whether it still polls only
    # in a private attribute: read it if it is there.
    state = getattr(channel, "_connectivity_state", None)
    deadline = time.monotonic() + 1.0
    while getattr(state, "polling", False) and time.monotonic() < deadline:
        time.sleep(0.01)
    channel.close()


def open_channel(target, *, tls_ca=None, tls_cert=None, tls_key=None, tls_server_name=None,
                 token=None, actor=None, agency=None, client_name="coopledger-python",
                 channel_options=()):
    """A channel to coopd at `target` ("host:port"): (the channel calls go through, adding the
    headers; the underlying grpc.Channel, to close with close_channel).

    TLS is on when any of tls_ca (the CA that signed coopd's certificate, a PEM file),
    tls_cert and tls_key (a client certificate and its key, PEM files, together) is given;
    without tls_ca the system's roots are trusted. tls_server_name is the name checked in the
    server's certificate when connecting by another name or address. `token` goes out as
    "authorization: Bearer <token>". actor and agency are the x-coop-actor / x-coop-agency
    headers of coopd's open mode: leave them out when authentication is on.
    """
    if (tls_cert is None) != (tls_key is None):
        raise ValueError("tls_cert và tls_key đi cùng nhau / tls_cert and tls_key go together")
    tls = tls_ca is not None or tls_cert is not None
    if tls_server_name and not tls:
        raise ValueError("tls_server_name chỉ dùng với TLS / tls_server_name needs TLS")
    if token and not tls and not is_local_target(target):
        raise ValueError(
            f"không gửi mã truy cập không mã hóa tới '{target}' (không phải máy này): dùng TLS "
            f"(tls_ca) / refusing to send the token in plaintext to '{target}' (not this "
            f"machine): use TLS (tls_ca)")
    for name, value in (("client_name", client_name), ("actor", actor), ("agency", agency)):
        if value and not (value.isascii() and value.isprintable()):
            raise ValueError(f"{name}={value!r}: đi trong header gRPC, chỉ nhận ký tự ASCII in "
                             f"được / goes in a gRPC header: printable ASCII only")
    options = [("grpc.max_receive_message_length", MAX_RECEIVE_BYTES),
               ("grpc.primary_user_agent", client_name),
               # Reconnect soon after coopd restarts; the client's own retries wait between
               # attempts, so gRPC's backoff need not grow to minutes.
               ("grpc.initial_reconnect_backoff_ms", 100),
               ("grpc.max_reconnect_backoff_ms", 2000)]
    if tls_server_name:
        options.append(("grpc.ssl_target_name_override", tls_server_name))
    options.extend(channel_options)
    if tls:
        credentials = grpc.ssl_channel_credentials(
            root_certificates=_read_file(tls_ca) if tls_ca else None,
            private_key=_read_file(tls_key) if tls_key else None,
            certificate_chain=_read_file(tls_cert) if tls_cert else None)
        channel = grpc.secure_channel(target, credentials, options=options)
    else:
        channel = grpc.insecure_channel(target, options=options)
    # Watching the channel's state keeps a thread polling it. Without one, grpcio 1.51 may not
    # notice for up to 5 s (its backup poller's period) that a new connection is up, e.g. after
    # coopd restarts, and a call waits that long. A watched channel must be closed before the
    # interpreter stops its threads, or closing it at exit waits for ever: Client closes the
    # clients still open at exit.
    channel.subscribe(_ignore_state)
    headers = [("x-coop-client", client_name)]
    if token:
        headers.append(("authorization", f"Bearer {token}"))
    if actor:
        headers.append(("x-coop-actor", actor))
    if agency:
        headers.append(("x-coop-agency", agency))
    return grpc.intercept_channel(channel, _HeaderInterceptor(headers)), channel
