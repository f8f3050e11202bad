#!/usr/bin/env python3
"""Layers point one way: checks the #include lines and the CMake link graph of coopledger.

Usage: check_layers.py ROOT

The layers, bottom up: proto -> base -> verify (the auditor's checks) -> domain (pure) ->
eventstore (knows nothing of the domain) -> projections -> access (principals, roles, tokens) -> commands | vault (side by
side) -> services (gRPC edge) -> tools (clients); fuzz (the fuzz targets) beside tools. A layer
uses layers below it, never one above. The tables below are the rules; read the architecture
off them. Prints `path:line: problem [rule]` per violation and exits 1,
or prints a one-line summary and exits 0.
"""
import fnmatch
import os
import re
import sys

# What an include or a linked target points at ("kinds"). Project kinds come from the path:
#   base, verify, domain, projections, access, commands, vault, services, fuzz, tests - the top
#                       folder
#   eventstore        - a PUBLIC header directly in eventstore/ (eventstore/event_store.h)
#   eventstore/inner  - eventstore/<subfolder>/... (rocks/ backend, staging/ shared code)
#   tools/<name>      - one client in tools/
#   proto/log         - the log's own messages: coop/v1/event.pb.h, coop/v1/eventstore.pb.h
#   proto             - the other generated messages, coop/v1/<name>.pb.h (the domain's events,
#                       the services' requests); a folder that may use proto may use proto/log
#   proto/grpc        - generated gRPC stubs, coop/v1/<name>.grpc.pb.h (coop::proto_grpc)
# Third-party kinds: rocksdb, grpc (grpcpp/, grpc/), openssl. Everything else (the standard
# library, absl/, google/protobuf, gtest/gmock, benchmark/, system headers) is not checked.
THIRD_PARTY_INCLUDES = {"rocksdb": "rocksdb", "grpcpp": "grpc", "grpc": "grpc",
                        "grpc++": "grpc", "openssl": "openssl"}
LAYER_FOLDERS = ("base", "verify", "domain", "eventstore", "projections", "access", "commands", "vault",
                 "backup", "services", "tools", "fuzz", "tests")
# The generated headers of the log's own messages (kind proto/log).
PROTO_LOG = ("coop/v1/event.pb.h", "coop/v1/eventstore.pb.h")
BELOW_TOOLS = {"base", "verify", "domain", "eventstore", "projections", "access", "commands", "vault",
               "backup", "services", "proto", "proto/grpc"}

ANY = True     # allowed anywhere in the folder
NEVER = False  # not allowed in the folder
SELF = "<own folder>"  # stands for the folder of the rule itself (tools/<name>)
EVERYTHING = "*"

# The rule table: folder of the including file (or of the CMakeLists.txt defining a target)
# -> the project kinds it may use, and where in it a third-party library may be used (ANY,
# NEVER, or a glob of the paths allowed). Missing third-party kinds are ANY. The longest
# matching folder wins; "tools/*" stands for any other client in tools/.
RULES = {
    # The ground floor: UUIDs, ISO dates. RocksDB only in coop::base_rocks (base/rocks_*: mapping
    # its statuses, flushing memtables), for the layers that keep their own RocksDB.
    "base": dict(uses={"base"},
                 third_party={"rocksdb": "base/rocks_*", "grpc": NEVER}),
    # What an auditor checks the log with, shared by the server and coopctl: the log's own
    # messages and base; hashing and signatures (OpenSSL), no storage, no network.
    "verify": dict(uses={"base", "verify", "proto/log"},
                   third_party={"rocksdb": NEVER, "grpc": NEVER, "openssl": ANY}),
    # The domain is pure: messages and base only; no storage, no network, no crypto.
    "domain": dict(uses={"base", "domain", "proto"},
                   third_party={"rocksdb": NEVER, "grpc": NEVER, "openssl": NEVER}),
    # The event log knows nothing of the domain (only the envelope and its own service's
    # messages); RocksDB stays inside its rocks/ backend.
    "eventstore": dict(uses={"base", "verify", "eventstore", "eventstore/inner", "proto/log"},
                       third_party={"rocksdb": "eventstore/rocks/*", "grpc": NEVER}),
    # Projections read the log through its public headers and keep rows in their own RocksDB.
    "projections": dict(uses={"base", "domain", "eventstore", "projections", "proto"},
                        third_party={"rocksdb": ANY, "grpc": NEVER}),
    # Who may call: principals, roles, tokens, the principals file. No storage, no gRPC.
    "access": dict(uses={"base", "domain", "access", "proto"},
                   third_party={"rocksdb": NEVER, "grpc": NEVER, "openssl": ANY}),
    # The write path without gRPC (and the demo history in commands/demo/).
    "commands": dict(uses={"base", "domain", "eventstore", "projections", "access", "commands",
                           "proto"},
                     third_party={"rocksdb": NEVER, "grpc": NEVER}),
    # The person vault: beside commands, its own encrypted RocksDB, no event store.
    "vault": dict(uses={"base", "domain", "vault", "proto"},
                  third_party={"rocksdb": ANY, "openssl": ANY, "grpc": NEVER}),
    # Online backups and their restore: the stores it copies through their public headers
    # (checkpoints), RocksDB only to read a table's identity; no gRPC (the Admin service is
    # services/').
    "backup": dict(uses={"base", "eventstore", "projections", "vault", "backup", "proto"},
                   third_party={"rocksdb": "backup/table_identity.cc", "openssl": ANY,
                                "grpc": NEVER}),
    # The gRPC edge and the server: everything below tools/, the event store by its public API.
    "services": dict(uses={"base", "verify", "domain", "eventstore", "projections", "access",
                           "commands", "vault", "backup", "services", "proto", "proto/grpc"},
                     third_party={"rocksdb": NEVER, "grpc": ANY}),
    # coopctl is a client of the public API: base, the wire contract and gRPC; access, to edit
    # the principals file (coopctl admin principal); verify, to check proofs without trusting
    # the server.
    "tools/coopctl": dict(uses={"base", "verify", "access", SELF, "proto", "proto/grpc"},
                          third_party={"rocksdb": NEVER, "grpc": ANY}),
    # The scale generator builds histories through domain and commands; no storage, no gRPC.
    # With --projections it runs coopd's projections over the log it writes, to measure them.
    "tools/scale": dict(uses={"base", "domain", "commands", "projections", SELF, "proto"},
                        third_party={"rocksdb": NEVER, "grpc": NEVER}),
    # Benchmarks may measure anything below tools/, RocksDB and the store directly (its RocksDB
    # backend too: the audit bench turns the Merkle tree off to measure what it costs).
    "tools/bench": dict(uses=BELOW_TOOLS | {SELF, "eventstore/inner"}, third_party={}),
    # The golden statistics dump (coop-golden) is a client of coop.v1.Reporting: the wire
    # contract and gRPC only, so it cannot lean on the projections it checks.
    "tools/golden": dict(uses={SELF, "proto", "proto/grpc"},
                         third_party={"rocksdb": NEVER, "grpc": ANY, "openssl": NEVER}),
    # Any other client: like coopctl.
    "tools/*": dict(uses={"base", SELF, "proto", "proto/grpc"},
                    third_party={"rocksdb": NEVER, "grpc": ANY}),
    # The fuzz targets: the code they exercise, below the clients (the canonical-encoding target
    # checks the chain verifier in eventstore/staging/), and coopctl's import-line parser;
    # fuzz_seed_corpus starts an in-process server (services) to record the demo history. No
    # storage, network or crypto of their own.
    "fuzz": dict(uses={"base", "domain", "eventstore", "eventstore/inner", "projections",
                       "commands", "services", "proto", "fuzz", "tools/coopctl"},
                 third_party={"rocksdb": NEVER, "grpc": NEVER, "openssl": NEVER}),
    # Tests may use anything.
    "tests": dict(uses={EVERYTHING}, third_party={}),
    # The wire contract: generated code only; gRPC only in the stubs target (see below).
    "proto": dict(uses={"proto", "proto/grpc"}, third_party={"rocksdb": NEVER}),
}

# Third-party libraries in the link graph: who may link them. (folder, glob) pairs; the glob,
# if any, must match the target's name or one of its sources.
THIRD_PARTY_LINKS = {
    # RocksDB: the layers that keep a database; in base only the status-mapping target.
    "RocksDB::": [("base", "rocks_status.*"), ("eventstore", None), ("projections", None),
                  ("vault", None), ("backup", "table_identity.cc"), ("tools/bench", None),
                  ("tests", None)],
    # gRPC: the stubs target of proto (named *grpc*, or compiling the *.grpc.pb.cc it
    # protobuf_generate()s), the edge, the clients and the tests.
    "gRPC::": [("proto", "*grpc*"), ("services", None), ("tools", None), ("tests", None)],
    # OpenSSL: anywhere but the pure domain.
    "OpenSSL::": [(f, None) for f in ("base", "verify", "eventstore", "projections", "access",
                                      "commands", "vault", "backup", "services", "tools",
                                      "tests")],
}
# Project targets neutral for their users: defined in the top CMakeLists.txt (coop::warnings)
# or under tests/ (coop_test_support). Targets defined under tests/ may link anything.
NEUTRAL_FOLDERS = ("", "tests")
SOURCE_SUFFIXES = (".h", ".cc", ".inc")
CMAKE_KEYWORDS = {"PUBLIC", "PRIVATE", "INTERFACE", "LINK_PUBLIC", "LINK_PRIVATE",
                  "LINK_INTERFACE_LIBRARIES", "debug", "optimized", "general"}
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')


def walk(root, want):
    """Yields paths relative to root of the files for which want(name) holds; skips .git
    and build* folders."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != ".git" and not d.startswith("build"))
        for name in sorted(files):
            if want(name):
                yield os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")


def kind_of(path):
    """The kind (see the top of the file) of a project path or generated header, or None."""
    parts = path.split("/")
    if parts[0] == "coop" or parts[0] == "proto":
        if path.endswith(".grpc.pb.h"):
            return "proto/grpc"
        return "proto/log" if path in PROTO_LOG else "proto"
    if parts[0] == "eventstore":
        return "eventstore" if len(parts) <= 2 else "eventstore/inner"
    if parts[0] == "tools":
        return "tools/" + parts[1] if len(parts) > 2 else "tools"
    return parts[0] if parts[0] in LAYER_FOLDERS else None


def rule_for(path):
    """(rule name, rule) for a file or folder path, by the longest matching RULES key."""
    parts = path.split("/")
    for key in ("/".join(parts[:2]), parts[0] + "/*", parts[0]):
        if key in RULES and (not key.endswith("/*") or len(parts) > 2):
            return key, RULES[key]
    return None, None


def own_folder(path):
    """The folder SELF stands for: tools/<name> for a client."""
    parts = path.split("/")
    return "/".join(parts[:2]) if parts[0] == "tools" and len(parts) > 2 else parts[0]


def may_use(user_path, kind):
    """None if the file/target at user_path may use kind, else the rule's name."""
    key, rule = rule_for(user_path)
    if rule is None or EVERYTHING in rule["uses"]:
        return None
    uses = {own_folder(user_path) if u == SELF else u for u in rule["uses"]}
    if "proto" in uses:
        uses.add("proto/log")
    return None if kind in uses else key


def resolve_include(root, src, text, quoted):
    """The include as a path from the root (or a third-party name), or None if unchecked."""
    first = text.split("/")[0]
    if quoted:
        local = os.path.normpath(os.path.join(os.path.dirname(src), text)).replace(os.sep, "/")
        if os.path.isfile(os.path.join(root, local)) and not local.startswith(".."):
            return local
        if "/" not in text and first not in THIRD_PARTY_INCLUDES:
            return local  # a sibling header, e.g. "command.h" in tools/coopctl/
    if first in LAYER_FOLDERS or first == "coop" or first in THIRD_PARTY_INCLUDES:
        return text
    return None


def check_includes(root, violations):
    """Checks every #include of every project source; returns (files, includes) counted."""
    files = includes = 0
    tops = tuple(f + "/" for f in LAYER_FOLDERS)
    for src in walk(root, lambda n: n.endswith(SOURCE_SUFFIXES)):
        if not src.startswith(tops):
            continue
        files += 1
        with open(os.path.join(root, src), encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, 1):
                m = INCLUDE_RE.match(line)
                path = m and resolve_include(root, src, m.group(2), m.group(1) == '"')
                if not path:
                    continue
                includes += 1
                where = f'{src}:{number}: includes "{m.group(2)}"'
                family = THIRD_PARTY_INCLUDES.get(path.split("/")[0])
                key, rule = rule_for(src)
                if family:
                    allowed = rule["third_party"].get(family, ANY) if rule else ANY
                    if allowed is NEVER or (isinstance(allowed, str)
                                            and not fnmatch.fnmatch(src, allowed)):
                        only = "" if allowed is NEVER else f" (only in {allowed})"
                        violations.append(f"{where}: {family} is not allowed in {key}/{only}"
                                          f" [rule {key}]")
                    continue
                kind = kind_of(path)
                if kind == "eventstore/inner" and kind_of(src) == "eventstore" and src.endswith(".h"):
                    # The public headers are the seam: they must not expose a backend's insides.
                    violations.append(f"{where}: a public eventstore header may not include "
                                      f"eventstore's backends or staging [rule eventstore/public]")
                    continue
                if kind and may_use(src, kind):
                    violations.append(f"{where}: {key}/ may not use {kind} "
                                      f"[rule {key}: uses {describe(src)}]")
    return files, includes


def describe(user_path):
    """The kinds the rule of user_path allows, for messages."""
    uses = rule_for(user_path)[1]["uses"]
    return ", ".join(sorted(own_folder(user_path) if u == SELF else u for u in uses))


def neutral(folder):
    """Whether targets defined in folder are neutral (see NEUTRAL_FOLDERS)."""
    return folder.split("/")[0] in NEUTRAL_FOLDERS


def cmake_commands(text):
    """Yields (command name, [(argument, line)]) for each command call of a CMake file."""
    text = re.sub(r'#[^\n"]*', lambda m: " " * len(m.group(0)), text)  # comments (simple)
    pos = 0
    while True:
        m = re.compile(r"\b([A-Za-z_]\w*)[ \t]*\(").search(text, pos)
        if not m:
            return
        depth, args, line = 1, [], text.count("\n", 0, m.end()) + 1
        tokens = re.compile(r'"(?:\\.|[^"\\])*"|[()]|[^\s()"]+|\n')
        for tok in tokens.finditer(text, m.end()):
            t, pos = tok.group(0), tok.end()
            if t == "\n":
                line += 1
            elif t in "()":
                depth += 1 if t == "(" else -1
                if depth == 0:
                    break
            else:
                args.append((t.strip('"'), line))
                line += t.count("\n")
        yield m.group(1), args


def read_cmake(root):
    """Parses every CMakeLists.txt: returns (targets, aliases, links). targets maps a name to
    (folder, source file names), a target that protobuf_generate()s gRPC stubs counting
    `.grpc.pb.cc` among them; links are (file, folder, target, linked name, line)."""
    targets, aliases, links, stubs = {}, {}, [], set()
    for cm in walk(root, lambda n: n == "CMakeLists.txt"):
        folder = os.path.dirname(cm)
        with open(os.path.join(root, cm), encoding="utf-8", errors="replace") as f:
            for name, args in cmake_commands(f.read()):
                words = [a for a, _ in args]
                if name in ("add_library", "add_executable") and words and "${" not in words[0]:
                    if len(words) >= 3 and words[1] == "ALIAS":
                        aliases[words[0]] = words[2]
                    else:
                        targets[words[0]] = (folder, [os.path.basename(w) for w in words[1:]])
                elif name == "protobuf_generate" and "grpc" in words and "TARGET" in words:
                    stubs.add(words[words.index("TARGET") + 1])  # compiles *.grpc.pb.cc
                elif name == "target_link_libraries" and words:
                    for arg, line in args[1:]:
                        if arg in CMAKE_KEYWORDS or arg.startswith("${"):
                            continue
                        for linked in re.findall(r"[A-Za-z_][\w.+-]*(?:::[\w.+-]+)*", arg):
                            links.append((cm, folder, words[0], linked, line))
    for name in stubs & targets.keys():
        targets[name][1].append("(generated).grpc.pb.cc")
    return targets, aliases, links


def check_links(root, violations):
    """Checks every target_link_libraries item; returns (CMake files, links) counted."""
    targets, aliases, links = read_cmake(root)
    checked = 0
    for cm, folder, user, linked, line in links:
        user = aliases.get(user, user)
        user_folder, user_sources = targets.get(user, (folder, []))
        names = [user] + user_sources
        where = f"{cm}:{line}: {user} links {linked}"
        if neutral(user_folder):  # tests/ may link anything; the top defines no users
            checked += linked in targets or linked in aliases
            continue
        prefix = next((p for p in THIRD_PARTY_LINKS if linked.startswith(p)), None)
        if prefix:
            checked += 1
            ok = any((user_folder + "/").startswith(f + "/") and
                     (glob is None or any(fnmatch.fnmatch(n, glob) for n in names))
                     for f, glob in THIRD_PARTY_LINKS[prefix])
            if not ok:
                allowed = ", ".join(f + (f" ({g})" if g else "")
                                    for f, g in THIRD_PARTY_LINKS[prefix])
                violations.append(f"{where}: {prefix}* only from {allowed} "
                                  f"[link rule {prefix}*]")
            continue
        real = aliases.get(linked, linked)
        if real not in targets:
            if linked.startswith(("coop::", "coop_")):
                print(f"note: {cm}:{line}: {linked} is defined nowhere; not checked",
                      file=sys.stderr)
            continue
        checked += 1
        linked_folder = targets[real][0]
        if real == user or neutral(linked_folder):
            continue
        kind = kind_of(linked_folder + "/CMakeLists.txt")
        if kind == "proto" and "grpc" in real:
            kind = "proto/grpc"
        elif kind == "proto":
            # coop::proto holds every message in one library, so the link graph cannot tell
            # which messages a target uses; the include check can, and does.
            kind = "proto/log"
        broken = may_use(user_folder + "/CMakeLists.txt", kind)
        if broken:
            violations.append(f"{where} ({kind}): {broken}/ may not use {kind} "
                              f"[rule {broken}: uses {describe(user_folder + '/x')}]")
    return len(list(walk(root, lambda n: n == "CMakeLists.txt"))), checked


def main(argv):
    """Runs both checks on the tree at argv[1]; prints violations or a summary."""
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1])
    violations = []
    files, includes = check_includes(root, violations)
    cmakes, links = check_links(root, violations)
    for v in violations:
        print(v)
    summary = (f"{files} sources ({includes} project/third-party includes) and {cmakes} "
               f"CMakeLists.txt ({links} links) checked")
    if violations:
        print(f"layering: {len(violations)} violation(s); {summary}")
        return 1
    print(f"layering: OK, {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
