"""Builds the coopledger package with its stubs: pyproject.toml holds the metadata; this file
only adds the step that generates the stubs from the protos into the built package.

The protos are looked for in COOPLEDGER_PROTO_ROOT, else in ../../proto (this folder inside a
coopledger checkout); protoc and grpc_python_plugin on PATH (Debian: protobuf-compiler,
protobuf-compiler-grpc), or COOPLEDGER_PROTOC and COOPLEDGER_GRPC_PLUGIN.
"""
import os
import sys

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate_stubs  # noqa: E402 (beside this file)


class BuildPyWithStubs(build_py):
    """build_py, then the stubs generated into the built package's _gen folder."""

    def run(self):
        super().run()
        proto_root = os.environ.get("COOPLEDGER_PROTO_ROOT") or os.path.join(HERE, "..", "..",
                                                                             "proto")
        generate_stubs.generate(os.path.normpath(proto_root),
                                os.path.join(self.build_lib, "coopledger", "_gen"),
                                os.environ.get("COOPLEDGER_PROTOC"),
                                os.environ.get("COOPLEDGER_GRPC_PLUGIN"))


setup(cmdclass={"build_py": BuildPyWithStubs})
