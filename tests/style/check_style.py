#!/usr/bin/env python3
"""One style across the tree: no exceptions, and every namespace under coop::.

Usage: check_style.py ROOT

Errors in coopledger are absl::Status values, so no source throws, tries or catches. All code
lives in `namespace coop {` or `namespace coop::something {` (nested namespaces, anonymous
ones included, are free inside those). Comments and string/char literals are ignored. Prints
`path:line: problem` per violation and exits 1, or prints a one-line summary and exits 0.
"""
import os
import re
import sys

SOURCE_FOLDERS = ("base", "domain", "eventstore", "projections", "access", "commands", "vault",
                  "services", "tools", "fuzz", "tests")
SOURCE_SUFFIXES = (".h", ".cc", ".inc")
TEST_FOLDER = "tests"

# The rules: each a regular expression over code (comments and literals blanked) and why.
EXCEPTION_RULES = [
    (re.compile(r"\bthrow\b"), "`throw`: errors are absl::Status values, not exceptions"),
    (re.compile(r"\btry\s*\{"), "`try`: errors are absl::Status values, not exceptions"),
    (re.compile(r"\bcatch\s*\("), "`catch`: errors are absl::Status values, not exceptions"),
]
# A top-level namespace is fine if it is coop or coop::something.
COOP_NAMESPACE = re.compile(r"^coop(::\w+)*$")
# A foreign top-level namespace is tolerated only as forward declarations of a third-party
# library, e.g. `namespace rocksdb { class DB; class Env; }`.
FORWARD_DECLARATION = re.compile(r"^(template\s*<[^;{}]*>\s*)?(class|struct)\s+\w+$")
# What test files may put at global scope (everything else belongs in namespace coop::...):
# gtest's macros, main(), and declarations of C symbols (`extern char** environ;`).
GTEST_GLOBAL = re.compile(r"^(TEST|TEST_F|TEST_P|TYPED_TEST\w*|INSTANTIATE_\w+|"
                          r"REGISTER_TYPED_TEST\w*|GTEST_\w+)\s*\(|^int\s+main\s*\(")
C_DECLARATION = re.compile(r"^extern\b[^=]*$")
NAMESPACE_HEAD = re.compile(r"^(inline\s+)?namespace\b\s*((?:\w+\s*(?:::\s*)?)*)\s*"
                            r"(\[\[.*\]\])?$", re.S)
TOKEN = re.compile(r"[{};]|\n|[^{};\n]+")


def strip_code(text):
    """Returns text with comments and string/char literal contents blanked (quotes kept),
    line breaks kept, so that line numbers stay and only real code remains."""
    out, i, n = [], 0, len(text)
    ident = re.compile(r"[A-Za-z_]\w*")
    number = re.compile(r"\.?\d(?:[eEpP][+-]|[\w.']|'\w)*")
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
        elif c.isalpha() or c == "_":
            j = ident.match(text, i).end()
            word = text[i:j]
            if word in ("R", "u8R", "uR", "UR", "LR") and text.startswith('"', j):
                m = re.compile(r'"([^()\\\s]{0,16})\(').match(text, j)
                if m:  # raw string R"delim( ... )delim"
                    end = text.find(")" + m.group(1) + '"', m.end())
                    end = n if end < 0 else end + len(m.group(1)) + 2
                    out.append(word + '"' + blank(text[j + 1:end - 1]) + '"')
                    i = end
                    continue
            out.append(word)
            i = j
            continue
        elif c.isdigit() or (c == "." and text[i + 1:i + 2].isdigit()):
            j = number.match(text, i).end()
            out.append(text[i:j])
            i = j
            continue
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + blank(text[i + 1:j - 1]) + c)
            i = j
            continue
        else:
            out.append(c)
            i += 1
            continue
        out.append(blank(text[i:j]))  # a comment
        i = j
    return "".join(out)


def blank(text):
    """text with everything but line breaks turned into spaces."""
    return re.sub(r"[^\n]", " ", text)


def without_preprocessor(code):
    """code with preprocessor directives (and their continuation lines) blanked."""
    lines, continued = code.split("\n"), False
    for k, line in enumerate(lines):
        if continued or line.lstrip().startswith("#"):
            continued = line.rstrip().endswith("\\")
            lines[k] = ""
    return "\n".join(lines)


def check_exceptions(path, code, report):
    """Reports throw/try/catch in code."""
    for number, line in enumerate(code.split("\n"), 1):
        for pattern, why in EXCEPTION_RULES:
            if pattern.search(line):
                report(path, number, why)


def check_namespaces(path, code, report):
    """Reports namespaces opened outside coop:: and, in test files, code at global scope."""
    stack = []  # one entry per open brace: [kind, line, forward declarations only?]
    statement, start = "", None
    line, is_test, has_coop = 1, path.startswith(TEST_FOLDER + "/"), False
    first_global = None
    for tok in TOKEN.finditer(code):
        t = tok.group(0)
        if t == "\n":
            line += 1
            continue
        if t not in "{};":
            if t.strip() and start is None:
                start = line
            statement += t
            continue
        head = " ".join(statement.split())
        in_namespace = any(entry[0] != "block" for entry in stack)
        foreign = next((e for e in reversed(stack) if e[0] == "foreign"), None)
        if t == "{":
            m = NAMESPACE_HEAD.match(head)
            if m and not in_namespace:
                name = re.sub(r"\s+", "", m.group(2))
                if COOP_NAMESPACE.match(name):
                    stack.append(["coop", start, True])
                    has_coop = True
                elif not name:
                    report(path, start, "anonymous namespace at top level: put it inside "
                                        "namespace coop::...")
                    stack.append(["reported", start, True])
                else:
                    stack.append(["foreign", start, True, name])
            else:
                stack.append(["namespace" if m else "block", start, True])
                if foreign:
                    foreign[2] = False  # a definition, not a forward declaration
                if not m and not in_namespace and is_test and head:
                    if global_statement(path, start, head, report):
                        first_global = first_global or start
            statement, start = "", None
        elif t == ";":
            if foreign and head and not FORWARD_DECLARATION.match(head):
                foreign[2] = False
            if head and not in_namespace and not stack and is_test:
                if global_statement(path, start, head, report):
                    first_global = first_global or start
            statement, start = "", None
        else:  # "}"
            closed = stack.pop() if stack else ["block", line, True]
            if closed[0] == "foreign" and not closed[2]:
                report(path, closed[1], f"namespace {closed[3]} holds definitions outside "
                                        "coop:: (only forward declarations are allowed there)")
            statement, start = "", None
    if is_test and first_global and not has_coop:
        report(path, first_global, "test code outside namespace coop::...")


def global_statement(path, line, head, report):
    """Reports a test file's statement at global scope unless gtest or main needs it there;
    returns whether the statement is test code (not a declaration of something foreign)."""
    if FORWARD_DECLARATION.match(head) or C_DECLARATION.match(head):
        return False
    if not GTEST_GLOBAL.match(head):
        report(path, line, "code at global scope in a test: put it in namespace coop::...")
    return True


def sources(root):
    """Yields the project sources, as paths relative to root (no .git, no build* folders)."""
    for top in SOURCE_FOLDERS:
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs[:] = sorted(d for d in dirs if d != ".git" and not d.startswith("build"))
            for name in sorted(files):
                if name.endswith(SOURCE_SUFFIXES):
                    yield os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")


def main(argv):
    """Checks every source of the tree at argv[1]; prints violations or a summary."""
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        print("usage: check_style.py ROOT", file=sys.stderr)
        return 2
    root, violations, files = os.path.abspath(argv[1]), [], 0

    def report(path, line, message):
        violations.append(f"{path}:{line}: {message}")

    for path in sources(root):
        files += 1
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
            code = strip_code(f.read())
        found = len(violations)
        check_exceptions(path, code, report)
        check_namespaces(path, without_preprocessor(code), report)
        violations[found:] = sorted(violations[found:], key=lambda v: int(v.split(":")[1]))
    for v in violations:
        print(v)
    if violations:
        print(f"style: {len(violations)} violation(s) in {files} sources")
        return 1
    print(f"style: OK, {files} sources checked (no exceptions, every namespace under coop::)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
