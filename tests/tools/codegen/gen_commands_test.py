#!/usr/bin/env python3
"""The generated command-service code cannot drift from its table.

Reruns tools/codegen/gen_commands.py into a temporary folder and compares every file it
writes with the committed one; also fails on a file left in services/generated/ that the
generator no longer writes. Prints a unified diff of whatever differs.

  gen_commands_test.py ROOT
"""
import difflib
import os
import subprocess
import sys
import tempfile


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
    generator = os.path.join(root, "tools", "codegen", "gen_commands.py")
    problems = []
    with tempfile.TemporaryDirectory() as out:
        written = subprocess.run([sys.executable, generator, "--out", out], check=True,
                                 capture_output=True, text=True).stdout.split()
        for path in written:
            with open(os.path.join(out, path), encoding="utf-8") as f:
                fresh = f.read()
            committed_path = os.path.join(root, path)
            if not os.path.exists(committed_path):
                problems.append(f"{path}: generated but not committed")
                continue
            with open(committed_path, encoding="utf-8") as f:
                committed = f.read()
            if fresh != committed:
                diff = difflib.unified_diff(committed.splitlines(True), fresh.splitlines(True),
                                            f"{path} (committed)", f"{path} (generated)")
                problems.append(f"{path}: differs from the generator's output "
                                f"(rerun tools/codegen/gen_commands.py)\n{''.join(diff)}")
    generated_dir = os.path.join(root, "services", "generated")
    for name in sorted(os.listdir(generated_dir)):
        path = f"services/generated/{name}"
        if path not in written:
            problems.append(f"{path}: not written by the generator (stale; delete it)")
    for problem in problems:
        print(problem)
    print(f"gen_commands_test: {len(written)} generated files checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
