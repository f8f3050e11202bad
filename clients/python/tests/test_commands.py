"""Commands through the client against a real coopd: a lost reply retried with the same
command id (exactly one event, the reply a duplicate), and refusals raised as exceptions that
carry the rule id and the field."""
import tempfile
import unittest

import grpc

import coopledger
from coopd_server import CoopdServer
from coopledger.v1 import cooperative_events_pb2, event_pb2, registry_pb2
from lost_reply_proxy import LostReplyProxy

REGISTERED = "coop.v1.CooperativeRegistered"


def registration(code, unit_set="2025-03", occurred_on="2025-03-01"):
    """A cooperative registered in xã Khánh An, huyện U Minh (32059), as the README's example."""
    request = registry_pb2.RegisterCooperativeRequest()
    request.header.occurred_on = occurred_on
    r = request.registration
    r.code = code
    r.kind = cooperative_events_pb2.COOPERATIVE
    r.name = "HTX Thử nghiệm"
    r.law_regime = cooperative_events_pb2.LAW_2023
    r.address.code, r.address.unit_set = "32059", unit_set
    r.members.official = 7
    r.origin = cooperative_events_pb2.ORIGIN_NEW
    return request


class ServerTestCase(unittest.TestCase):
    """A fresh coopd (no demo) for each test class."""

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory(prefix="coop-pyclient-")
        cls.server = CoopdServer(cls.folder.name)
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.folder.cleanup()


class LostReplyTest(ServerTestCase):
    def test_the_retry_keeps_the_command_id_and_exactly_one_event_is_written(self):
        proxy = LostReplyProxy(self.server.port)
        self.addCleanup(proxy.close)
        command_id = coopledger.new_command_id()
        with coopledger.Client(proxy.address, actor="officer-1", agency="u-minh",
                               token_env=None) as through_proxy:
            through_proxy.wait_until_serving()
            proxy.arm(1)
            reply = through_proxy.run(registration("2009999001"), command_id=command_id)

        # The first attempt committed, its reply was lost; the retry was told so.
        self.assertEqual(proxy.replies_lost, 1)
        self.assertGreaterEqual(proxy.connections, 2)
        self.assertTrue(reply.duplicate, reply)
        self.assertTrue(reply.stream_id.startswith("coop-"), reply)

        with coopledger.Client(self.server.address, token_env=None) as direct:
            events = list(direct.read_stream(reply.stream_id))
            self.assertEqual([e.type for e in events], [REGISTERED])
            self.assertEqual(events[0].position, reply.position)
            self.assertEqual(events[0].metadata.correlation_id, command_id)
            self.assertEqual(events[0].metadata.client, "coopledger-python")
            self.assertEqual(events[0].metadata.actor, "officer-1")
            everywhere = list(direct.read_all(
                event_filter=coopledger.event_filter(event_types=[REGISTERED])))
            self.assertEqual([e.position for e in everywhere], [reply.position])
            # Asked again directly, the command is still the one executed.
            again = direct.run(registration("2009999001"), command_id=command_id)
            self.assertTrue(again.duplicate)
            self.assertEqual(again.position, reply.position)

    def test_without_a_retry_the_lost_reply_is_an_unavailable_error(self):
        proxy = LostReplyProxy(self.server.port)
        self.addCleanup(proxy.close)
        with coopledger.Client(proxy.address, retry=coopledger.NO_RETRY,
                               token_env=None) as client:
            client.wait_until_serving()
            proxy.arm(1)
            with self.assertRaises(coopledger.Unavailable) as raised:
                client.run(registration("2009999002"))
        self.assertEqual(raised.exception.code, grpc.StatusCode.UNAVAILABLE)
        self.assertEqual(proxy.replies_lost, 1)


class RefusalTest(ServerTestCase):
    def setUp(self):
        self.client = coopledger.Client(self.server.address, actor="officer-1",
                                         agency="u-minh", token_env=None)
        self.addCleanup(self.client.close)

    def test_an_invalid_field_raises_invalid_argument_with_its_rule_and_field(self):
        # The three-level unit set is no longer in force after the reform of 1 July 2025.
        request = registration("2009999101", unit_set="2025-03", occurred_on="2025-08-01")
        with self.assertRaises(coopledger.InvalidArgument) as raised:
            self.client.run(request)
        error = raised.exception
        self.assertEqual(error.code, grpc.StatusCode.INVALID_ARGUMENT)
        self.assertRegex(error.rule_id, r"^[A-Z]+-\d+$")
        self.assertTrue(error.field.endswith("unit_set"), error.field)
        self.assertIn(f"[{error.rule_id}] {error.field}: ", error.message)
        self.assertEqual(error.attempts, 1)  # a refusal is not retried

    def test_a_workflow_rule_raises_failed_precondition_with_its_rule(self):
        reply = self.client.run(registration("2009999102"))
        self.assertFalse(reply.duplicate)
        resume = registry_pb2.ResumeCooperativeRequest(cooperative_id=reply.aggregate_id)
        resume.header.occurred_on = "2025-03-02"
        with self.assertRaises(coopledger.FailedPrecondition) as raised:
            self.client.run(resume)
        self.assertRegex(raised.exception.rule_id, r"^COOP-\d+$")

    def test_a_wrong_expected_version_raises_a_version_conflict(self):
        event = event_pb2.ProposedEvent(type="demo.v1.Noted", payload=b"one")
        first = self.client.append("note-conflict", [event], expected="no_stream")
        self.assertEqual(first.streams[0].last_version, 1)
        [recorded] = list(self.client.read_stream("note-conflict"))
        self.assertEqual((recorded.metadata.actor, recorded.metadata.agency),
                         ("officer-1", "u-minh"))
        with self.assertRaises(coopledger.VersionConflict) as raised:
            self.client.append("note-conflict", [event], expected=5)
        self.assertEqual(raised.exception.current_version, 1)
        self.assertEqual(raised.exception.code, grpc.StatusCode.ABORTED)

    def test_an_unknown_stream_raises_not_found(self):
        with self.assertRaises(coopledger.NotFound):
            self.client.stream_info("note-never-written")

    def test_a_request_that_is_no_command_is_refused_before_sending(self):
        with self.assertRaises(TypeError):
            self.client.run(registry_pb2.CommandReply())


if __name__ == "__main__":
    unittest.main()
