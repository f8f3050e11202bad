"""The built coopd as a child process, for the client's end-to-end tests.

COOPD and COOPCTL in the environment name the binaries (CTest sets them to the ones built).
Each server runs in a folder of its own on 127.0.0.1: the first start picks a free port
(--listen 127.0.0.1:0, --port_file); a restart keeps it, so that clients reconnect.

One owner per server; not thread-safe.
"""
import os
import signal
import subprocess
import time

import coopledger

COOPD = os.environ.get("COOPD", "coopd")
COOPCTL = os.environ.get("COOPCTL", "coopctl")


class CoopdServer:
    """coopd on `folder`/store; `args` are added to every start (e.g. ["--demo"])."""

    def __init__(self, folder, args=(), tls_ca=None):
        self.folder = folder
        self.args = list(args)
        self.tls_ca = tls_ca  # the certificate to check it with, when it serves TLS
        self.port = 0
        self.process = None
        self.starts = 0

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    def start(self, timeout=90.0):
        """Starts coopd and waits until its health says SERVING."""
        port_file = os.path.join(self.folder, "port")
        if os.path.exists(port_file):
            os.remove(port_file)
        self.starts += 1
        command = [COOPD, "--data_dir", os.path.join(self.folder, "store"), "--listen",
                   f"127.0.0.1:{self.port}", "--port_file", port_file] + self.args
        with open(self.log_path(), "wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while not self.port or not os.path.exists(port_file):
            self._check_running()
            if time.monotonic() > deadline:
                raise TimeoutError(f"coopd wrote no port file; see {self.log_path()}")
            self._read_port(port_file)
            time.sleep(0.05)
        with coopledger.Client(self.address, tls_ca=self.tls_ca, token_env=None) as probe:
            while True:
                self._check_running()
                try:
                    if probe.health(timeout=1.0) == "SERVING":
                        return
                except coopledger.CoopError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError(f"coopd did not serve in time; see {self.log_path()}")
                time.sleep(0.1)

    def _read_port(self, port_file):
        try:
            with open(port_file, encoding="ascii") as f:
                text = f.read().strip()
        except FileNotFoundError:
            return
        if text.isdigit() and int(text) > 0:
            self.port = int(text)

    def _check_running(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"coopd exited ({self.process.returncode}) during start; see "
                               f"{self.log_path()}:\n{self.log_text()[-3000:]}")

    def log_path(self):
        return os.path.join(self.folder, f"coopd.{self.starts}.log")

    def log_text(self):
        with open(self.log_path(), encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self, timeout=30.0):
        """SIGTERM, then waits for the exit (kill -9 after `timeout`); returns the exit code."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def restart(self):
        """Stops coopd (SIGTERM) and starts it again on the same port and data."""
        self.stop()
        self.start()


def add_principal(principals_file, name, role, agency="", extra=()):
    """`coopctl admin principal add`: writes the principals file; returns the new token."""
    command = [COOPCTL, "admin", "principal", "add", "--auth_config", principals_file,
               "--name", name, "--role", role] + (["--agency", agency] if agency else [])
    result = subprocess.run(command + list(extra), capture_output=True, text=True, check=True)
    return result.stdout.strip()


def write_secret(path, text):
    """Writes a file only its owner may read (a token, a key)."""
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w",
              encoding="utf-8") as f:
        f.write(text + "\n")
    return path


def self_signed_certificate(folder):
    """A certificate for localhost and 127.0.0.1 and its key (openssl); returns their paths."""
    cert, key = os.path.join(folder, "server.pem"), os.path.join(folder, "server.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
                    "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    os.chmod(key, 0o600)
    return cert, key


def wait_for_projections(client, timeout=180.0):
    """Waits until every projection is live and has applied the log's head."""
    from coopledger.v1 import reporting_pb2
    head = client.log_info().head_position
    deadline = time.monotonic() + timeout
    while True:
        status = client.call(client.stubs.reporting.GetProjectionStatus,
                             reporting_pb2.ProjectionStatusRequest())
        if all(p.state == "live" and p.position >= head for p in status.projections):
            return head
        if time.monotonic() > deadline:
            raise TimeoutError(f"projections not live at {head}: {status}")
        time.sleep(0.2)
