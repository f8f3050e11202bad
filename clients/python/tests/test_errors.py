"""The client's pieces that need no server: errors read off coopd's messages, the retry
policy, tokens, the command index, and the refusal to send a token in plaintext afar."""
import os
import tempfile
import unittest

import grpc

import coopledger
from coopledger import commands
from coopledger.connection import is_local_target, read_token
from coopledger.v1 import (eventstore_pb2, people_pb2, planning_pb2, registry_pb2,
                           reporting_pb2)


class FakeRpcError(grpc.RpcError):
    def __init__(self, code, details):
        self._code, self._details = code, details

    def code(self):
        return self._code

    def details(self):
        return self._details


class ErrorsTest(unittest.TestCase):
    def test_a_rule_violation_carries_the_rule_id_and_the_field(self):
        error = coopledger.error_from_rpc(FakeRpcError(
            grpc.StatusCode.INVALID_ARGUMENT,
            "[AREA-01] address.unit_set: 2025-03 is not in force on 2025-08-01; use 2025-07"))
        self.assertIsInstance(error, coopledger.InvalidArgument)
        self.assertEqual(error.code, grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual(error.rule_id, "AREA-01")
        self.assertEqual(error.field, "address.unit_set")
        self.assertIn("2025-03 is not in force", error.message)
        self.assertEqual(str(error), "INVALID_ARGUMENT: dữ liệu không hợp lệ / invalid argument: "
                         "[AREA-01] address.unit_set: 2025-03 is not in force on 2025-08-01; "
                         "use 2025-07")

    def test_a_field_without_a_rule_and_indexed_fields(self):
        error = coopledger.error_from_rpc(FakeRpcError(
            grpc.StatusCode.INVALID_ARGUMENT, "header.command_id: must be a UUID"))
        self.assertEqual((error.rule_id, error.field), ("", "header.command_id"))
        error = coopledger.error_from_rpc(FakeRpcError(
            grpc.StatusCode.INVALID_ARGUMENT,
            "streams[0].events[2].event_id: must be a UUID"))
        self.assertEqual(error.field, "streams[0].events[2].event_id")
        error = coopledger.error_from_rpc(FakeRpcError(
            grpc.StatusCode.FAILED_PRECONDITION,
            "[COOP-09] cooperative is active: only a suspended cooperative resumes"))
        self.assertIsInstance(error, coopledger.FailedPrecondition)
        self.assertEqual((error.rule_id, error.field), ("COOP-09", ""))

    def test_a_version_conflict_names_the_current_version(self):
        error = coopledger.error_from_rpc(FakeRpcError(
            grpc.StatusCode.ABORTED, "stream 'note-1': expected version 3, current version 5"))
        self.assertIsInstance(error, coopledger.VersionConflict)
        self.assertEqual(error.current_version, 5)
        self.assertEqual((error.rule_id, error.field), ("", ""))

    def test_refusals_of_access_are_one_family_and_keep_the_servers_words(self):
        error = coopledger.error_from_rpc(FakeRpcError(
            grpc.StatusCode.UNAUTHENTICATED, "chưa xác thực / unauthenticated: unknown token"))
        self.assertIsInstance(error, coopledger.Unauthenticated)
        self.assertIsInstance(error, coopledger.AccessRefused)
        self.assertEqual(str(error),
                         "UNAUTHENTICATED: chưa xác thực / unauthenticated: unknown token")
        error = coopledger.error_from_rpc(FakeRpcError(
            grpc.StatusCode.PERMISSION_DENIED, "không được phép / not allowed: reader"), 1)
        self.assertIsInstance(error, coopledger.PermissionDenied)
        self.assertIsInstance(error, coopledger.AccessRefused)

    def test_every_code_has_its_class_and_retries_are_counted(self):
        expected = {grpc.StatusCode.NOT_FOUND: coopledger.NotFound,
                    grpc.StatusCode.ALREADY_EXISTS: coopledger.AlreadyExists,
                    grpc.StatusCode.RESOURCE_EXHAUSTED: coopledger.ResourceExhausted,
                    grpc.StatusCode.OUT_OF_RANGE: coopledger.OutOfRange,
                    grpc.StatusCode.DATA_LOSS: coopledger.DataLoss,
                    grpc.StatusCode.UNAVAILABLE: coopledger.Unavailable,
                    grpc.StatusCode.DEADLINE_EXCEEDED: coopledger.DeadlineExceeded,
                    grpc.StatusCode.CANCELLED: coopledger.Cancelled,
                    grpc.StatusCode.INTERNAL: coopledger.CoopError}
        for code, cls in expected.items():
            self.assertIs(type(coopledger.error_from_rpc(FakeRpcError(code, "x"))), cls)
        error = coopledger.error_from_rpc(FakeRpcError(grpc.StatusCode.UNAVAILABLE,
                                                       "Socket closed"), 6)
        self.assertEqual(error.attempts, 6)
        self.assertIn("sau 6 lần thử / after 6 attempts", str(error))


class RetryPolicyTest(unittest.TestCase):
    def test_the_backoff_grows_to_its_bound_and_only_lost_outcomes_are_retried(self):
        policy = coopledger.RetryPolicy(attempts=10, first_delay=0.1, max_delay=1.0)
        delays = [policy.delay(n) for n in range(1, 10)]
        self.assertTrue(0.08 <= delays[0] <= 0.1, delays)
        self.assertTrue(all(0.8 <= d <= 1.0 for d in delays[5:]), delays)
        self.assertTrue(policy.retryable(grpc.StatusCode.UNAVAILABLE))
        self.assertTrue(policy.retryable(grpc.StatusCode.DEADLINE_EXCEEDED))
        for code in (grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.ABORTED,
                     grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.UNAUTHENTICATED):
            self.assertFalse(policy.retryable(code))
        with self.assertRaises(ValueError):
            coopledger.RetryPolicy(attempts=0)


class ConnectionTest(unittest.TestCase):
    def test_the_token_comes_from_a_file_or_the_environment(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "t")
            with open(path, "w", encoding="utf-8") as f:
                f.write("  coop_abc  \nignored\n")
            self.assertEqual(read_token(path), "coop_abc")
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n")
            with self.assertRaises(ValueError):
                read_token(path)
        os.environ["COOP_TEST_TOKEN_ENV"] = "coop_from_env"
        try:
            self.assertEqual(read_token(None, "COOP_TEST_TOKEN_ENV"), "coop_from_env")
        finally:
            del os.environ["COOP_TEST_TOKEN_ENV"]
        self.assertIsNone(read_token(None, "COOP_TEST_TOKEN_ENV"))

    def test_a_token_goes_in_plaintext_only_to_this_machine(self):
        for target in ("127.0.0.1:50051", "localhost:1", "[::1]:50051", "unix:/run/coopd"):
            self.assertTrue(is_local_target(target), target)
        for target in ("10.20.0.5:50051", "coop.example:50051", "127.example.org:1"):
            self.assertFalse(is_local_target(target), target)
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "t")
            with open(path, "w", encoding="utf-8") as f:
                f.write("coop_abc\n")
            with self.assertRaisesRegex(ValueError, "use TLS"):
                coopledger.Client("10.20.0.5:50051", token_file=path)
            coopledger.Client("127.0.0.1:1", token_file=path).close()

    def test_actor_and_agency_go_in_headers_so_they_are_ascii(self):
        with self.assertRaisesRegex(ValueError, "ASCII"):
            coopledger.Client("127.0.0.1:1", agency="Sở Nông nghiệp", token_env=None)
        coopledger.Client("127.0.0.1:1", actor="officer-1", agency="so-nn-camau",
                          token_env=None).close()


class CommandIndexTest(unittest.TestCase):
    def test_each_command_request_finds_its_rpc(self):
        rpc = commands.command_rpc(registry_pb2.RegisterCooperativeRequest())
        self.assertEqual(rpc.path, "/coop.v1.Registry/RegisterCooperative")
        self.assertEqual(commands.command_rpc(people_pb2.RecordPersonRequest()).path,
                         "/coop.v1.People/RecordPerson")
        self.assertEqual(commands.command_rpc(planning_pb2.SetAnnualPlanTargetsRequest()).path,
                         "/coop.v1.Planning/SetAnnualPlanTargets")
        self.assertGreater(len(commands.command_rpcs()), 45)
        for not_a_command in (eventstore_pb2.AppendRequest(),
                              reporting_pb2.AnnualStatisticsRequest()):
            with self.assertRaises(TypeError):
                commands.command_rpc(not_a_command)


if __name__ == "__main__":
    unittest.main()
