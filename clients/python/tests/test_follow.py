"""Following the log across a restart of coopd: while another process appends, the server is
stopped (SIGTERM) and started again; the client's tail resumes from the last position it
examined, and what it received equals ReadAll over the same range: no gap, no duplicate."""
import os
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import coopledger
from coopd_server import CoopdServer
from coopledger.v1 import event_pb2

NOTES = 150
HERE = os.path.dirname(os.path.abspath(__file__))


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


class FreshServerTest(unittest.TestCase):
    """Each test has a coopd of its own, on an empty folder (a test may restart it)."""

    def setUp(self):
        folder = tempfile.TemporaryDirectory(prefix="coop-pyclient-")
        self.addCleanup(folder.cleanup)
        self.server = CoopdServer(folder.name)
        self.server.start()
        self.addCleanup(self.server.stop)


class RestartTest(FreshServerTest):
    def test_the_tail_resumes_after_a_restart_without_gap_or_duplicate(self):
        client = coopledger.Client(self.server.address, token_env=None)
        self.addCleanup(client.close)
        start = client.log_info().head_position + 1
        notes = coopledger.event_filter(stream_prefixes=["note-"])

        received, failure, reconnected_at = [], [], []
        follower = client.follow(notes, from_position=start,
                                 on_reconnect=reconnected_at.append)

        def tail():
            try:
                for event in follower:
                    received.append(event)
            except Exception as error:  # noqa: BLE001 (reported by the test)
                failure.append(error)

        tailing = threading.Thread(target=tail)
        tailing.start()
        self.addCleanup(tailing.join, 30)
        self.addCleanup(follower.stop)

        appender = subprocess.Popen([sys.executable, os.path.join(HERE, "append_notes.py"),
                                     self.server.address, str(NOTES)],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.addCleanup(lambda: appender.poll() is None and appender.kill())
        wait_until(lambda: len(received) >= 25 or failure, 60, "the first notes")

        # The restart, while the other process appends.
        self.assertLess(len(received), NOTES)
        self.server.restart()
        self.assertLess(len(received), NOTES, "the appender finished before the restart")

        out, err = appender.communicate(timeout=120)
        self.assertEqual(appender.returncode, 0, err)
        expected = list(client.read_all(from_position=start, event_filter=notes))
        self.assertEqual(len(expected), NOTES)
        wait_until(lambda: len(received) >= len(expected) or failure, 60, "the tail")
        time.sleep(0.3)  # anything more that would arrive (a duplicate) arrives now
        follower.stop()
        tailing.join(30)

        self.assertEqual(failure, [])
        self.assertGreaterEqual(follower.reconnects, 1)
        self.assertTrue(reconnected_at, "the tail never reconnected")
        self.assertEqual([(e.position, e.event_id) for e in received],
                         [(e.position, e.event_id) for e in expected])
        self.assertEqual(len({e.event_id for e in received}), NOTES)
        self.assertEqual(out.split(), [str(e.position) for e in expected])
        self.assertGreaterEqual(follower.position, expected[-1].position)


class StopInsideAMessageTest(FreshServerTest):
    """coopd sends a follower up to 256 events a message: stopped after some of them, its
    position is the last event it yielded, and a follower started after it goes on from the
    next event, with none skipped and none twice."""

    def test_a_follower_stopped_inside_a_message_resumes_after_its_last_event(self):
        client = coopledger.Client(self.server.address, token_env=None)
        self.addCleanup(client.close)
        start = client.log_info().head_position + 1
        notes = [event_pb2.ProposedEvent(type="demo.v1.Noted", payload=f"note {i}".encode())
                 for i in range(20)]
        client.append("note-0", notes)  # one append: one page, one message of 20

        first = client.follow(from_position=start)
        taken = []
        for event in first:
            taken.append(event)
            if len(taken) == 7:
                first.stop()
        self.assertEqual(len(taken), 7)
        self.assertEqual(first.position, taken[-1].position)

        second = client.follow(from_position=first.position + 1)
        for event in second:
            taken.append(event)
            if len(taken) == 20:
                second.stop()
        expected = list(client.read_all(from_position=start))
        self.assertEqual([e.position for e in taken], [e.position for e in expected])
        self.assertEqual([e.event_id for e in taken], [e.event_id for e in expected])


if __name__ == "__main__":
    unittest.main()
