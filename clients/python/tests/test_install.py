"""pip installs the client from the checkout without the internet: a copy of clients/python and
proto/ in a temporary folder, a virtual environment that sees Debian's packages
(--system-site-packages), `pip install --no-build-isolation --no-index`; the installed package
has its stubs and imports outside the checkout and the build tree."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.environ.get("COOP_SOURCE_DIR") or os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
LEFT_OUT = shutil.ignore_patterns("build", "*.egg-info", "__pycache__")


class PipInstallTest(unittest.TestCase):
    def test_pip_installs_the_package_with_its_stubs_offline(self):
        with tempfile.TemporaryDirectory(prefix="coop-pyclient-pip-") as folder:
            checkout = os.path.join(folder, "checkout")
            shutil.copytree(os.path.join(SOURCE, "clients", "python"),
                            os.path.join(checkout, "clients", "python"), ignore=LEFT_OUT)
            shutil.copytree(os.path.join(SOURCE, "proto"), os.path.join(checkout, "proto"))
            venv = os.path.join(folder, "venv")
            subprocess.run([sys.executable, "-m", "venv", "--system-site-packages",
                            "--without-pip", venv], check=True)
            python = os.path.join(venv, "bin", "python")
            # Nothing from the test's own environment: no PYTHONPATH to the build tree, no index.
            env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PIP_"))}
            env["PIP_NO_INDEX"] = "1"
            install = subprocess.run(
                [python, "-m", "pip", "install", "--no-build-isolation", "--no-index",
                 "--disable-pip-version-check", os.path.join(checkout, "clients", "python")],
                env=env, capture_output=True, text=True, cwd=folder)
            self.assertEqual(install.returncode, 0, install.stdout + install.stderr)

            check = subprocess.run(
                [python, "-c", "import coopledger, coopledger.v1 as v1; "
                               "print(v1.registry_pb2.__file__); "
                               "print(coopledger.Client('127.0.0.1:1', token_env=None).target)"],
                env=env, capture_output=True, text=True, cwd=folder)
            self.assertEqual(check.returncode, 0, check.stderr)
            stub_file, target = check.stdout.split()
            self.assertTrue(stub_file.startswith(venv), stub_file)
            self.assertTrue(stub_file.endswith(os.path.join("coopledger", "_gen", "coop", "v1",
                                                            "registry_pb2.py")), stub_file)
            self.assertEqual(target, "127.0.0.1:1")


if __name__ == "__main__":
    unittest.main()
