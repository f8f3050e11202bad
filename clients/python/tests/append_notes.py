"""Appends notes one by one, riding out a restart of coopd: the other process of the restart
test (test_follow.py).

Usage: append_notes.py TARGET COUNT

Appends COUNT events to the streams note-0, note-1, note-2 in turn, and after every third one
an event to other-0 (which the test's filter leaves out), one append at a time, a few
milliseconds apart. Each append keeps its event id across retries, so an append whose reply
was lost in the restart is answered as a duplicate, never written twice. Prints one line per
note: its position.
"""
import sys
import time

import coopledger
from coopledger.v1 import event_pb2

# Up to about a minute of retries, at most a second apart: longer than a restart.
RIDE_OUT = coopledger.RetryPolicy(attempts=80, first_delay=0.05, max_delay=1.0)


def main(target, count):
    with coopledger.Client(target, token_env=None, retry=RIDE_OUT, timeout=10.0) as client:
        for i in range(count):
            note = event_pb2.ProposedEvent(type="demo.v1.Noted", payload=f"note {i}".encode())
            reply = client.append(f"note-{i % 3}", [note])
            print(reply.last_position, flush=True)
            if i % 3 == 2:
                other = event_pb2.ProposedEvent(type="demo.v1.Other", payload=b"other")
                client.append("other-0", [other])
            time.sleep(0.02)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
