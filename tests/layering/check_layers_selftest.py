#!/usr/bin/env python3
"""The layering checker can fail: runs check_layers.py on a copy of the tree with wrong
includes and a wrong link injected, and expects each one reported at its file and line.

Usage: check_layers_selftest.py [ROOT]   (ROOT defaults to the project holding this file)
Exits 0 when every expectation holds, else prints what failed and exits 1.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.path.join(HERE, "check_layers.py")
COPIED_SUFFIXES = (".h", ".cc", ".inc", ".proto", ".cmake")
LOCATION_RE = re.compile(r"^([^\s:]+):(\d+): ")


def copy_tree(root, dest):
    """Copies the sources and CMakeLists.txt files of root into dest (no build*, .git, data)."""
    for folder, dirs, files in os.walk(root):
        rel = os.path.relpath(folder, root)
        dirs[:] = [d for d in dirs if d != ".git" and d != "data" and not d.startswith("build")]
        for name in files:
            if name == "CMakeLists.txt" or name.endswith(COPIED_SUFFIXES):
                os.makedirs(os.path.join(dest, rel), exist_ok=True)
                shutil.copy2(os.path.join(folder, name), os.path.join(dest, rel, name))


def run_checker(root):
    """Runs the checker on root; returns (exit code, stdout lines)."""
    done = subprocess.run([sys.executable, CHECKER, root], capture_output=True, text=True)
    return done.returncode, done.stdout.splitlines()


def locations(lines):
    """The set of (path, line) a checker output names."""
    found = set()
    for line in lines:
        m = LOCATION_RE.match(line)
        if m:
            found.add((m.group(1), int(m.group(2))))
    return found


def insert_line(path, after_pattern, text):
    """Inserts text as a new line after the first line matching after_pattern (or as the
    first line); returns the 1-based number of the new line."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    index = next((i + 1 for i, line in enumerate(lines) if re.match(after_pattern, line)), 0)
    lines.insert(index, text + "\n")
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(lines)
    return index + 1


def inject_link(path, token):
    """Adds token after the first link keyword (or the target name) of the first
    target_link_libraries call, on the same line; returns that line's number."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    call = text.index("target_link_libraries(")
    m = re.compile(r"\b(PUBLIC|PRIVATE|INTERFACE)\b|\(\s*\S+").search(text, call)
    text = text[:m.end()] + " " + token + text[m.end():]
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return text.count("\n", 0, m.end()) + 1


def write_file(root, rel, text):
    """Creates root/rel holding text."""
    os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
    with open(os.path.join(root, rel), "w", encoding="utf-8") as f:
        f.write(text)


def main(argv):
    """Runs the expectations; returns the exit code."""
    root = os.path.abspath(argv[1] if len(argv) > 1 else os.path.join(HERE, "..", ".."))
    failures = []

    def expect(ok, what, output):
        if not ok:
            failures.append(what + "\n    checker said:\n      " + "\n      ".join(output))

    real_code, real_out = run_checker(root)
    with tempfile.TemporaryDirectory(prefix="coop-layering-") as tmp:
        copy_tree(root, tmp)
        code, out = run_checker(tmp)
        expect((code, out) == (real_code, real_out),
               f"the untouched copy gave exit {code}, the real tree exit {real_code}", out)
        baseline = locations(out)

        # Stand-ins for the files the injections need, should the tree have moved them.
        rules, cmake = "domain/common/rules.cc", "domain/common/CMakeLists.txt"
        for rel, text in ((rules, '#include "domain/common/rules.h"\n'),
                          (cmake, "add_library(coop_domain_common rules.cc)\n"
                                  "target_link_libraries(coop_domain_common PUBLIC coop::proto)\n"),
                          ("eventstore/CMakeLists.txt",
                           "add_library(coop_eventstore event_store.cc)\n"
                           "add_library(coop::eventstore ALIAS coop_eventstore)\n")):
            if not os.path.isfile(os.path.join(tmp, rel)):
                write_file(tmp, rel, text)
        # A wrong include: the domain reaching up into the gRPC server.
        include_line = insert_line(os.path.join(tmp, rules), r'\s*#\s*include',
                                   '#include "services/server.h"')
        # A wrong link: the domain linking the event store.
        link_line = inject_link(os.path.join(tmp, cmake), "coop::eventstore")
        # A client reaching into the store, the server into the store's RocksDB backend.
        write_file(tmp, "tools/coopctl/layering_probe.cc",
                   '#include "base/uuid.h"\n#include "eventstore/event_store.h"\n')
        write_file(tmp, "services/layering_probe.cc",
                   '#include "services/server.h"\n'
                   '#include "eventstore/rocks/rocks_event_store.h"\n')
        # The event store reading a domain event, and a public store header exposing the
        # RocksDB backend.
        write_file(tmp, "eventstore/layering_probe.cc",
                   '#include "coop/v1/event.pb.h"\n#include "coop/v1/cooperative_events.pb.h"\n')
        write_file(tmp, "eventstore/layering_probe.h",
                   '#include "eventstore/event_store.h"\n'
                   '#include "eventstore/rocks/rocks_event_store.h"\n')

        # A fuzz target reaching into another client than coopctl.
        write_file(tmp, "fuzz/layering_probe.cc",
                   '#include "fuzz/event_list.h"\n#include "tools/scale/scale_history.h"\n')

        code, out = run_checker(tmp)
        shifted = {(p, n + 1 if p == rules and n >= include_line else n) for p, n in baseline}
        new = locations(out) - shifted
        wanted = {(rules, include_line), (cmake, link_line),
                  ("tools/coopctl/layering_probe.cc", 2), ("services/layering_probe.cc", 2),
                  ("eventstore/layering_probe.cc", 2), ("eventstore/layering_probe.h", 2),
                  ("fuzz/layering_probe.cc", 2)}
        expect(code == 1, f"with injected violations the checker exited {code}, not 1", out)
        for path, line in sorted(wanted - new):
            expect(False, f"not reported: {path}:{line}", out)
        for path, line in sorted(new - wanted):
            expect(False, f"reported but not injected: {path}:{line}", out)

    for failure in failures:
        print("FAILED: " + failure)
    if failures:
        return 1
    print(f"layering self-test: OK (copy agrees with the tree, exit {real_code}; "
          f"{len(wanted)} injected violations reported at their lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
