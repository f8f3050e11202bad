#!/usr/bin/python3
"""Checks deploy/Dockerfile without a container engine (CTest DeployTest.TheDockerfileChecks).

Usage: check_dockerfile.py REPO_ROOT

Parses the Dockerfile as Docker does (comments, line continuations, instructions per stage) and
checks: at least two stages, every FROM on Debian bookworm; the build stage runs the README's
build command (the indented `tools/dev.sh build` line of README.md, read here so the two cannot
drift) and nothing else; no stage compiles anything else; the final stage installs no compiler,
build tool or -dev package, copies coopd and coopctl from the build stage and no sources, sets a
numeric USER that is not root before its ENTRYPOINT/CMD, exposes the ports coopd listens on,
keeps --data_dir on a VOLUME, and has a HEALTHCHECK running `coopctl ... health`. Then it breaks
copies of the Dockerfile on purpose and requires each breakage to be caught. Prints one line
per check and exits 1 if any failed.
"""
import json
import os
import re
import shlex
import sys

COMPILERS = re.compile(r"^(g\+\+|gcc|cc|c\+\+|cpp|clang.*|cmake|make|ninja(-build)?|build-essential|"
                       r"protobuf-compiler.*|.*-dev)$")
COMPILE_COMMANDS = re.compile(r"(^|[\s;&|(])(g\+\+|gcc|cc|c\+\+|clang\+?\+?|cmake|make|ninja|protoc)"
                              r"(\s|$)")
BOOKWORM = re.compile(r"^debian:bookworm(-slim)?(@sha256:[0-9a-f]{64})?$")


def instructions(text):
    """[(KEYWORD, arguments)] of a Dockerfile: comment lines dropped (also inside a
    continuation), continued lines joined, the escape character honoured."""
    escape = "\\"
    m = re.match(r"#\s*escape\s*=\s*(\S)", text)
    if m:
        escape = m.group(1)
    result, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#") or (not stripped and current):
            continue
        if line.rstrip().endswith(escape):
            current += line.rstrip()[:-1] + " "
            continue
        current += line
        if current.strip():
            keyword, _, args = current.strip().partition(" ")
            if "<<" in args and keyword.upper() in ("RUN", "COPY"):
                raise ValueError(f"heredocs are not understood by this check: {current.strip()}")
            result.append((keyword.upper(), args.strip()))
        current = ""
    if current.strip():
        raise ValueError("the Dockerfile ends in a line continuation")
    return result


def stages(text):
    """[{name, image, instructions}] per FROM."""
    result = []
    for keyword, args in instructions(text):
        if keyword == "FROM":
            words = [w for w in args.split() if not w.startswith("--platform")]
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else str(len(result))
            result.append({"name": name, "image": words[0], "instructions": []})
        elif result:
            result[-1]["instructions"].append((keyword, args))
    return result


def command_words(args):
    """The words of a RUN/CMD/ENTRYPOINT argument: JSON (exec) form or shell form."""
    if args.startswith("["):
        return json.loads(args)
    return shlex.split(args)


def apt_packages(run):
    """Package names an `apt-get install` (or apt install) in a RUN shell command installs."""
    packages = []
    for part in re.split(r"&&|;|\|\|", run):
        words = shlex.split(part)
        for i, word in enumerate(words):
            if word == "install" and i > 0 and os.path.basename(words[i - 1]) in ("apt-get", "apt"):
                packages += [w for w in words[i + 1:] if not w.startswith("-")]
    return packages


def readme_build_command(root):
    """The README's build command: its one indented line `tools/dev.sh build`."""
    with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
        lines = [line.strip() for line in f if re.match(r"^    tools/dev\.sh build\s*$", line)]
    return lines[0] if len(lines) == 1 else None


def problems_of(text, build_command):
    """Everything wrong with the Dockerfile `text`: a list of messages, empty if none."""
    problems = []
    need = lambda ok, message: ok or problems.append(message)
    try:
        all_stages = stages(text)
    except ValueError as error:
        return [str(error)]
    need(len(all_stages) >= 2, f"needs at least two stages (build, runtime), has {len(all_stages)}")
    if not all_stages:
        return problems
    for stage in all_stages:
        need(BOOKWORM.match(stage["image"]) is not None,
             f"stage {stage['name']}: FROM {stage['image']} is not Debian bookworm")
    build, final = all_stages[0], all_stages[-1]
    runs = [args for keyword, args in build["instructions"] if keyword == "RUN"]
    need(build_command is not None, "README.md names no build command (an indented line "
                                    "'tools/dev.sh build')")
    need(len(runs) == 1 and " ".join(command_words(runs[0])) == build_command,
         f"the build stage must RUN exactly the README's build command '{build_command}', "
         f"runs {runs}")
    for stage in all_stages[1:]:
        for keyword, args in stage["instructions"]:
            if keyword == "RUN":
                need(COMPILE_COMMANDS.search(args) is None,
                     f"stage {stage['name']} compiles: RUN {args}")
                for package in apt_packages(args):
                    need(COMPILERS.match(package) is None,
                         f"stage {stage['name']} installs a compiler or -dev package: {package}")
    final_keywords = [k for k, _ in final["instructions"]]
    copies = [args for keyword, args in final["instructions"] if keyword == "COPY"]
    from_build = [c for c in copies if re.match(rf"--from=({re.escape(build['name'])}|0)\s", c)]
    for binary in ("coopd", "coopctl"):
        need(any(re.search(rf"/{binary}(\s|$)", c) for c in from_build),
             f"the final stage must COPY --from={build['name']} the built {binary}")
    need(all("--from=" in c for c in copies), "the final stage must copy no sources, only "
                                              f"binaries from the build stage: {copies}")
    users = [(i, args) for i, (k, args) in enumerate(final["instructions"]) if k == "USER"]
    starts = [i for i, k in enumerate(final_keywords) if k in ("ENTRYPOINT", "CMD")]
    need(bool(users), "the final stage sets no USER: it would run as root")
    if users:
        user = users[-1][1].split(":")[0]
        need(user.isdigit() and user != "0",
             f"USER {users[-1][1]}: must be a numeric uid other than 0 (so runAsNonRoot can "
             f"verify it)")
        need(bool(starts) and users[-1][0] < min(starts), "USER must come before ENTRYPOINT/CMD")
    healthchecks = [args for keyword, args in final["instructions"] if keyword == "HEALTHCHECK"]
    need(len(healthchecks) == 1, "the final stage needs one HEALTHCHECK")
    if healthchecks:
        check = healthchecks[0]
        _, _, probe = check.partition("CMD ")
        words = command_words(probe.strip()) if probe.strip() else []
        if words[:2] == ["/bin/sh", "-c"] or words[:2] == ["sh", "-c"]:
            words = shlex.split(words[2])
        need(bool(words) and os.path.basename(words[0]) == "coopctl" and "health" in words,
             f"HEALTHCHECK must run coopctl ... health: {check}")
    # The ports and data folder coopd is started with.
    cmd = [args for keyword, args in final["instructions"] if keyword == "CMD"]
    flags = command_words(cmd[-1]) if cmd else []
    value = lambda flag: flags[flags.index(flag) + 1] if flag in flags[:-1] else None
    exposed = " ".join(args for keyword, args in final["instructions"] if keyword == "EXPOSE")
    for flag in ("--listen", "--metrics_listen"):
        port = (value(flag) or ":").rsplit(":", 1)[1]
        need(port != "" and re.search(rf"(^|\s){port}(/tcp)?(\s|$)", exposed) is not None,
             f"EXPOSE must include the port of {flag} {value(flag)} (exposes: {exposed})")
    volumes = []
    for keyword, args in final["instructions"]:
        if keyword == "VOLUME":
            volumes += command_words(args) if args.startswith("[") else args.split()
    data_dir = value("--data_dir") or ""
    need(any(data_dir == v or data_dir.startswith(v.rstrip("/") + "/") for v in volumes),
         f"--data_dir {data_dir or '(none in CMD)'} must lie on a VOLUME ({volumes})")
    return problems


# Breakages the checks must catch: (what, function of the text).
BREAKAGES = [
    ("one stage only", lambda t: re.sub(r"(?s)^FROM debian:bookworm AS build.*?(?=^FROM )", "",
                                        t, flags=re.M)),
    ("a FROM that is not bookworm", lambda t: t.replace("debian:bookworm-slim", "debian:bullseye-slim")),
    ("another build command", lambda t: t.replace("RUN tools/dev.sh build", "RUN tools/dev.sh test")),
    ("g++ in the final stage", lambda t: t.replace("libzstd1 ", "libzstd1 g++ ")),
    ("a -dev package in the final stage", lambda t: t.replace("libzstd1 ", "libzstd1 libssl-dev ")),
    ("cmake run in the final stage", lambda t: t.replace("ENTRYPOINT", "RUN cmake --version\nENTRYPOINT", 1)),
    ("no USER", lambda t: re.sub(r"(?m)^USER .*$", "", t)),
    ("USER root", lambda t: re.sub(r"(?m)^USER .*$", "USER root", t)),
    ("no HEALTHCHECK", lambda t: re.sub(r"(?m)^HEALTHCHECK .*\\\n.*\n", "", t)),
    ("sources copied into the final stage", lambda t: t.replace("USER 10001", "COPY . /src\nUSER 10001", 1)),
    ("the metrics port not exposed", lambda t: t.replace("EXPOSE 50051 9464", "EXPOSE 50051")),
]


def main():
    root = sys.argv[1]
    path = os.path.join(root, "deploy", "Dockerfile")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    build_command = readme_build_command(root)
    results = []
    problems = problems_of(text, build_command)
    results.append(("deploy/Dockerfile passes every check", not problems, "\n".join(problems)))
    for what, breakage in BREAKAGES:
        broken = breakage(text)
        results.append((f"a Dockerfile broken on purpose ({what}) is refused",
                        broken != text and bool(problems_of(broken, build_command)),
                        "the breakage did not apply" if broken == text else "not caught"))
    failed = 0
    for what, ok, detail in results:
        print(("ok      " if ok else "FAILED  ") + what)
        if not ok:
            failed += 1
            for line in detail.splitlines():
                print("        " + line)
    print(f"\n{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
