#!/usr/bin/env python3
"""Generates the command services from one table of commands (command_table.py).

Outputs (committed sources; edit the table and rerun, never the outputs):
  proto/coop/v1/{registry,programs,planning}.proto   the services and their requests
  services/generated/<service>_handlers.{h,cc}      the generated gRPC handlers (C++), for each
                                                    service with generated RPCs; formatted
                                                    with clang-format (.clang-format)

  python3 tools/codegen/gen_commands.py [--out DIR]

--out writes the outputs under DIR instead of the project root (the test that guards against
drift generates into a temporary folder and compares). Prints the files it wrote.
"""
import argparse
import os
import shutil
import subprocess
import sys

from command_table import SERVICES
import handlers
import protos

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def clang_format(text, path):
    """`text` formatted as the project formats `path` (its .clang-format)."""
    exe = shutil.which("clang-format") or shutil.which("clang-format-14")
    if exe is None:
        sys.exit("gen_commands: clang-format is needed (Debian package clang-format)")
    return subprocess.run([exe, f"--assume-filename={os.path.join(ROOT, path)}",
                           "--style=file"], input=text, capture_output=True, text=True,
                          check=True, cwd=ROOT).stdout


def outputs():
    """Every generated file: (path relative to the root, text)."""
    files = []
    for service in SERVICES:
        files.append((service.proto, protos.service_proto(service)))
        if service.generated():
            h, cc = handlers.paths(service)
            files.append((h, clang_format(handlers.header(service), h)))
            files.append((cc, clang_format(handlers.source(service), cc)))
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=ROOT, help="write under this folder (default: the root)")
    args = parser.parse_args()
    for path, text in outputs():
        target = os.path.join(args.out, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
        print(path)


if __name__ == "__main__":
    main()
