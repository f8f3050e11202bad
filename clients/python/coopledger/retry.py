"""When and how long the client waits before it tries a call again.

Only calls that are safe to repeat are retried: a command with the same command id (coopd
answers a repeat with its first result, `duplicate` set), an append with the same event ids,
and reads. Only failures that say nothing about the outcome are retried: the server could not
be reached or the connection was lost (UNAVAILABLE), or the call ran out of time
(DEADLINE_EXCEEDED). A refusal (INVALID_ARGUMENT, PERMISSION_DENIED, ...) is never retried: it
would be refused again.

Immutable; thread-safe.
"""
import dataclasses
import random

import grpc

RETRYABLE = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED})


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries with exponential backoff and jitter.

    attempts       the most calls made in all (1: no retry)
    first_delay    seconds before the first retry
    max_delay      the longest wait between two attempts
    multiplier     how much the wait grows after each attempt
    """

    attempts: int = 6
    first_delay: float = 0.1
    max_delay: float = 5.0
    multiplier: float = 2.0

    def __post_init__(self):
        if self.attempts < 1:
            raise ValueError("RetryPolicy.attempts: ít nhất 1 / at least 1")

    def delay(self, attempt):
        """Seconds to wait after failed attempt number `attempt` (1, 2, ...): the backoff,
        with up to a fifth of it taken off at random so that clients do not retry in step."""
        base = min(self.max_delay, self.first_delay * self.multiplier ** (attempt - 1))
        return base * (1.0 - 0.2 * random.random())

    @staticmethod
    def retryable(code):
        """Whether a failure with this grpc.StatusCode may be retried."""
        return code in RETRYABLE


NO_RETRY = RetryPolicy(attempts=1)
