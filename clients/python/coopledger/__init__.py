"""coopledger: a Python client of coopd, the system of record for Vietnam's cooperatives.

    import coopledger
    client = coopledger.Client("127.0.0.1:50051")
    stats = client.annual_statistics("966", 2024, unit_set="2025-03")

Client (client.py) connects with TLS and a token, runs commands with retries that keep their
command id, reads and follows the log, and fetches statistics, reports and explanations.
Errors are CoopError subclasses (errors.py). The generated messages are in coopledger.v1.
Documentation: clients/python/README.md of the coopledger repository.
"""
from coopledger.client import Client, Stubs, area, event_filter
from coopledger.commands import new_command_id
from coopledger.errors import (AccessRefused, AlreadyExists, Cancelled, CoopError, DataLoss,
                               DeadlineExceeded, FailedPrecondition, InvalidArgument, NotFound,
                               OutOfRange, PermissionDenied, ResourceExhausted, Unauthenticated,
                               Unavailable, VersionConflict, error_from_rpc)
from coopledger.follow import Follower
from coopledger.retry import NO_RETRY, RetryPolicy

__version__ = "0.1.0"

__all__ = [
    "AccessRefused", "AlreadyExists", "Cancelled", "Client", "CoopError", "DataLoss",
    "DeadlineExceeded", "FailedPrecondition", "Follower", "InvalidArgument", "NO_RETRY",
    "NotFound", "OutOfRange", "PermissionDenied", "ResourceExhausted", "RetryPolicy", "Stubs",
    "Unauthenticated", "Unavailable", "VersionConflict", "area", "error_from_rpc",
    "event_filter", "new_command_id",
]
