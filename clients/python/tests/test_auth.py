"""TLS and bearer tokens: coopd with a principals file, a certificate and its key. With the CA
and a token (from a file or the environment) the client works; a wrong token, no token or a
role that lacks the permission raise the access errors; a plaintext client cannot reach the
TLS server."""
import os
import tempfile
import unittest

import coopledger
from coopd_server import CoopdServer, add_principal, self_signed_certificate, write_secret
from coopledger.v1 import event_pb2

TOKEN_ENV = "COOP_PYCLIENT_TEST_TOKEN"


class TlsTokenTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory(prefix="coop-pyclient-")
        folder = cls.folder.name
        principals = os.path.join(folder, "principals.json")
        cls.cert, key = self_signed_certificate(folder)
        cls.admin_token = write_secret(
            os.path.join(folder, "admin.token"),
            add_principal(principals, "admin.camau", "admin", "so-nn-camau"))
        cls.reader_token = write_secret(
            os.path.join(folder, "reader.token"),
            add_principal(principals, "dashboard.camau", "reader", "ubnd-camau"))
        cls.wrong_token = write_secret(os.path.join(folder, "wrong.token"),
                                       "coop_not-a-token-of-this-server")
        cls.server = CoopdServer(folder, ["--auth_config", principals, "--tls_cert", cls.cert,
                                          "--tls_key", key], tls_ca=cls.cert)
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.folder.cleanup()

    def client(self, **kwargs):
        kwargs.setdefault("tls_ca", self.cert)
        kwargs.setdefault("token_env", None)
        client = coopledger.Client(self.server.address, **kwargs)
        self.addCleanup(client.close)
        return client

    def test_with_tls_and_a_token_file_the_client_works_as_its_principal(self):
        admin = self.client(token_file=self.admin_token)
        reply = admin.append("note-tls", [event_pb2.ProposedEvent(type="demo.v1.Noted",
                                                                  payload=b"over TLS")])
        self.assertFalse(reply.duplicate)
        [event] = list(admin.read_stream("note-tls"))
        self.assertEqual(event.metadata.principal, "admin.camau")
        self.assertEqual(event.metadata.actor, "admin.camau")
        self.assertEqual(event.metadata.agency, "so-nn-camau")
        self.assertEqual(admin.health(), "SERVING")

    def test_the_token_may_come_from_the_environment(self):
        with open(self.admin_token, encoding="utf-8") as f:
            os.environ[TOKEN_ENV] = f.read().strip()
        self.addCleanup(os.environ.pop, TOKEN_ENV)
        admin = self.client(token_env=TOKEN_ENV)
        self.assertGreaterEqual(admin.log_info().head_position, 0)

    def test_a_wrong_token_raises_the_access_error(self):
        wrong = self.client(token_file=self.wrong_token)
        with self.assertRaises(coopledger.Unauthenticated) as raised:
            wrong.log_info()
        self.assertIsInstance(raised.exception, coopledger.AccessRefused)
        self.assertIn("unauthenticated", str(raised.exception))
        self.assertEqual(raised.exception.attempts, 1)
        with self.assertRaises(coopledger.Unauthenticated):
            self.client().log_info()  # no token at all

    def test_a_role_without_the_permission_raises_permission_denied(self):
        reader = self.client(token_file=self.reader_token)
        areas = reader.list_areas("96", unit_set="2025-03")  # a reader reads the reports
        self.assertTrue(any(a.area.code == "966" for a in areas.areas), areas)
        with self.assertRaises(coopledger.PermissionDenied) as raised:
            reader.append("note-reader", [event_pb2.ProposedEvent(type="demo.v1.Noted")])
        self.assertIsInstance(raised.exception, coopledger.AccessRefused)
        self.assertIn("không được phép / not allowed", str(raised.exception))
        with self.assertRaises(coopledger.PermissionDenied):
            reader.log_info()  # nor the log itself

    def test_a_plaintext_client_cannot_reach_the_tls_server(self):
        plain = coopledger.Client(self.server.address, token_file=self.admin_token,
                                  retry=coopledger.RetryPolicy(attempts=2), timeout=5.0)
        self.addCleanup(plain.close)
        with self.assertRaises(coopledger.Unavailable):
            plain.log_info()


if __name__ == "__main__":
    unittest.main()
