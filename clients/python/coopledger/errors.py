"""The errors of coopd as Python exceptions, one class per kind.

coopd answers a refused call with a gRPC status whose message starts with the rule's id and
names the field: "[AREA-01] address.unit_set: 2025-03 is not in force on 2025-08-01; use
2025-07". error_from_rpc() turns such a status into a CoopError subclass carrying `code`,
`rule_id` ("AREA-01"), `field` ("address.unit_set") and `message` (the server's text, whole).

    try:
        client.run(request)
    except coopledger.InvalidArgument as e:   # a malformed field
        print(e.rule_id, e.field)
    except coopledger.FailedPrecondition as e:  # a workflow rule
        ...
    except coopledger.AccessRefused as e:       # Unauthenticated or PermissionDenied
        ...

Thread-safe: the classes hold no shared state.
"""
import re

import grpc

# "[COOP-04] " at the start of a message: the rule's id (as services/call_outcome.cc reads it).
_RULE = re.compile(r"^\[([A-Z0-9-]{1,23})\]\s*")
# "address.unit_set: " or "streams[0].events[2].event_id: " after it: the field.
_FIELD = re.compile(r"^([a-z_][a-z0-9_]*(?:\[\d+\])?(?:\.[a-z_][a-z0-9_]*(?:\[\d+\])?)*): ")
# ABORTED names the stream's version: "stream 'x': expected version 3, current version 5".
_CURRENT_VERSION = re.compile(r"current version (\d+)")


class CoopError(Exception):
    """A call coopd refused, or one the client gave up on.

    Attributes:
      code     grpc.StatusCode, e.g. grpc.StatusCode.INVALID_ARGUMENT
      rule_id  the rule's id ("COOP-04", "AREA-01"), or "" when the message names none
      field    the field the message names ("address.unit_set"), or ""
      message  the server's message, whole (rule id and field included)
      attempts how many times the call was made (more than 1 after retries)
    """

    label = "lỗi / error"

    def __init__(self, code, message, attempts=1):
        self.code = code
        self.message = message or ""
        self.attempts = attempts
        rest = self.message
        rule = _RULE.match(rest)
        self.rule_id = rule.group(1) if rule else ""
        if rule:
            rest = rest[rule.end():]
        field = _FIELD.match(rest)
        self.field = field.group(1) if field else ""
        super().__init__(self._text())

    @property
    def code_name(self):
        """The status code's name, e.g. "INVALID_ARGUMENT"."""
        return self.code.name if isinstance(self.code, grpc.StatusCode) else str(self.code)

    def _text(self):
        # The server's refusals for authentication, roles and scope already start with their
        # Vietnamese and English words; other messages get the kind's label in front.
        vietnamese = self.label.split(" / ")[0]
        text = self.message if self.message.startswith(vietnamese) else (
            f"{self.label}: {self.message}")
        if self.attempts > 1:
            text += f" (sau {self.attempts} lần thử / after {self.attempts} attempts)"
        return f"{self.code_name}: {text}"


class InvalidArgument(CoopError):
    """INVALID_ARGUMENT: malformed input; `field` names it and `rule_id` the rule broken."""
    label = "dữ liệu không hợp lệ / invalid argument"


class FailedPrecondition(CoopError):
    """FAILED_PRECONDITION: a workflow rule refused the command (`rule_id` says which)."""
    label = "không thỏa điều kiện / failed precondition"


class VersionConflict(CoopError):
    """ABORTED: the stream is not at the version expected; `current_version` is where it is
    (None when the message does not say). Read again, decide again, retry."""
    label = "xung đột phiên bản / version conflict"

    def __init__(self, code, message, attempts=1):
        super().__init__(code, message, attempts)
        found = _CURRENT_VERSION.search(self.message)
        self.current_version = int(found.group(1)) if found else None


class AlreadyExists(CoopError):
    """ALREADY_EXISTS: e.g. a cooperative code in use, or an event id reused with other
    content."""
    label = "đã tồn tại / already exists"


class NotFound(CoopError):
    """NOT_FOUND: an unknown stream, aggregate, person or area."""
    label = "không tìm thấy / not found"


class AccessRefused(CoopError):
    """The caller was refused: Unauthenticated or PermissionDenied."""


class Unauthenticated(AccessRefused):
    """UNAUTHENTICATED: no token or certificate, or an unknown or revoked one."""
    label = "chưa xác thực / unauthenticated"


class PermissionDenied(AccessRefused):
    """PERMISSION_DENIED: the principal's role or scope does not allow the call."""
    label = "không được phép / not allowed"


class ResourceExhausted(CoopError):
    """RESOURCE_EXHAUSTED: a size limit, named in the message."""
    label = "vượt giới hạn / resource exhausted"


class OutOfRange(CoopError):
    """OUT_OF_RANGE: a position past the log's head (the message names the head)."""
    label = "vượt quá đầu sổ / out of range"


class DataLoss(CoopError):
    """DATA_LOSS: verification found stored bytes changed or missing."""
    label = "mất hoặc hỏng dữ liệu / data loss"


class Unavailable(CoopError):
    """UNAVAILABLE: the server could not be reached (down, restarting, a failed TLS
    handshake), after the client's retries."""
    label = "máy chủ không sẵn sàng / unavailable"


class DeadlineExceeded(CoopError):
    """DEADLINE_EXCEEDED: the call took longer than its timeout (after the client's retries),
    or a projection did not reach `min_position` in time."""
    label = "quá thời hạn / deadline exceeded"


class Cancelled(CoopError):
    """CANCELLED: the call was cancelled."""
    label = "đã hủy / cancelled"


_BY_CODE = {
    grpc.StatusCode.INVALID_ARGUMENT: InvalidArgument,
    grpc.StatusCode.FAILED_PRECONDITION: FailedPrecondition,
    grpc.StatusCode.ABORTED: VersionConflict,
    grpc.StatusCode.ALREADY_EXISTS: AlreadyExists,
    grpc.StatusCode.NOT_FOUND: NotFound,
    grpc.StatusCode.UNAUTHENTICATED: Unauthenticated,
    grpc.StatusCode.PERMISSION_DENIED: PermissionDenied,
    grpc.StatusCode.RESOURCE_EXHAUSTED: ResourceExhausted,
    grpc.StatusCode.OUT_OF_RANGE: OutOfRange,
    grpc.StatusCode.DATA_LOSS: DataLoss,
    grpc.StatusCode.UNAVAILABLE: Unavailable,
    grpc.StatusCode.DEADLINE_EXCEEDED: DeadlineExceeded,
    grpc.StatusCode.CANCELLED: Cancelled,
}


def error_for(code, message, attempts=1):
    """The CoopError subclass instance for a status code and message."""
    return _BY_CODE.get(code, CoopError)(code, message, attempts)


def error_from_rpc(rpc_error, attempts=1):
    """The CoopError for a grpc.RpcError raised by a call (a grpc.Call: code(), details())."""
    code = rpc_error.code() if hasattr(rpc_error, "code") else grpc.StatusCode.UNKNOWN
    details = rpc_error.details() if hasattr(rpc_error, "details") else str(rpc_error)
    return error_for(code, details, attempts)
