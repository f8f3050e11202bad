#!/usr/bin/python3
"""Checks deploy/compose.yaml without a container engine (CTest DeployTest.TheComposeFileChecks).

Usage: check_compose.py REPO_ROOT PROMTOOL

Parses the compose file (PyYAML, Debian's python3-yaml) and checks: a service (coopd) built
from deploy/Dockerfile with the repository as its context, its data folder on a named volume,
its metrics served with --metrics_listen 0.0.0.0:PORT; a prometheus service that mounts a
configuration from the repository; that configuration scrapes that service, by its name, on
PORT and passes `promtool check config`. Then it breaks copies of the compose file on purpose and
requires each breakage to be caught. Prints one line per check and exits 1 if any failed.
"""
import copy
import os
import subprocess
import sys

import yaml


def flag_value(command, flag):
    """The value after `flag` in a command list (or `flag=value`), or None."""
    for i, word in enumerate(command):
        if word == flag and i + 1 < len(command):
            return command[i + 1]
        if word.startswith(flag + "="):
            return word.split("=", 1)[1]
    return None


def mounts(service):
    """[(source, target)] of a service's short-syntax or long-syntax volumes."""
    result = []
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            parts = volume.split(":")
            result.append((parts[0], parts[1] if len(parts) > 1 else parts[0]))
        else:
            result.append((volume.get("source"), volume.get("target")))
    return result


def host_path(compose_dir, service, target_file):
    """The file of this repository that a bind mount of `service` puts at `target_file`."""
    for source, target in mounts(service):
        if not source or not source.startswith((".", "/")):
            continue  # a named volume
        target = target.rstrip("/")
        if target_file == target:
            return os.path.normpath(os.path.join(compose_dir, source))
        if target_file.startswith(target + "/"):
            return os.path.normpath(os.path.join(compose_dir, source, target_file[len(target) + 1:]))
    return None


def prometheus_config(compose_dir, compose):
    """(path of the Prometheus configuration compose mounts, or None, problems)."""
    prometheus = compose.get("services", {}).get("prometheus")
    if not isinstance(prometheus, dict):
        return None, ["no prometheus service"]
    command = prometheus.get("command", [])
    command = command.split() if isinstance(command, str) else command
    target = flag_value(command, "--config.file") or "/etc/prometheus/prometheus.yml"
    path = host_path(compose_dir, prometheus, target)
    if path is None or not os.path.isfile(path):
        return None, [f"prometheus reads {target}, which no bind mount of a file here provides"]
    return path, []


def problems_of(root, compose, promtool=None):
    """Everything wrong with the parsed compose file: a list of messages, empty if none.
    With `promtool`, also runs `promtool check config` on the mounted configuration."""
    compose_dir = os.path.join(root, "deploy")
    problems = []
    need = lambda ok, message: ok or problems.append(message)
    # coopd: the service built from deploy/Dockerfile, with the repository as context.
    want = os.path.join(os.path.normpath(root), "deploy", "Dockerfile")
    name, coopd = None, None
    for service_name, service in compose.get("services", {}).items():
        build = service.get("build") or {}
        build = {"context": build} if isinstance(build, str) else build
        context = os.path.normpath(os.path.join(compose_dir, build.get("context", ".")))
        dockerfile = os.path.normpath(os.path.join(context, build.get("dockerfile", "Dockerfile")))
        if service.get("build") and dockerfile == want:
            name, coopd = service_name, service
            need(context == os.path.normpath(root),
                 f"{name} must be built with the repository as context, not {context}")
    if coopd is None:
        return ["no service is built from deploy/Dockerfile"]
    command = coopd.get("command", [])
    command = command.split() if isinstance(command, str) else command
    metrics = flag_value(command, "--metrics_listen") or ""
    host, _, port = metrics.rpartition(":")
    need(host == "0.0.0.0" and port.isdigit(),
         f"{name} must serve metrics with --metrics_listen 0.0.0.0:PORT, has '{metrics}'")
    data_dir = flag_value(command, "--data_dir") or ""
    named = compose.get("volumes") or {}
    need(any(source in named and (data_dir + "/").startswith(target.rstrip("/") + "/")
             for source, target in mounts(coopd)),
         f"{name}'s --data_dir '{data_dir}' must lie on a named volume")
    config, config_problems = prometheus_config(compose_dir, compose)
    problems += config_problems
    if config is None:
        return problems
    with open(config, encoding="utf-8") as f:
        scrape = yaml.safe_load(f) or {}
    targets = [t for job in scrape.get("scrape_configs") or []
               for static in job.get("static_configs") or [] for t in static.get("targets") or []]
    names = {name, coopd.get("hostname"), coopd.get("container_name")} - {None}
    need(any(t.rpartition(":")[0] in names and t.rpartition(":")[2] == port for t in targets),
         f"{os.path.relpath(config, root)} must scrape the service {name} on its metrics port "
         f"{port}: targets {targets}")
    if promtool:
        run = subprocess.run([promtool, "check", "config", config], capture_output=True, text=True)
        need(run.returncode == 0, f"promtool check config {os.path.relpath(config, root)}:\n"
                                  f"{run.stdout}{run.stderr}")
    return problems


def broken(compose, change):
    changed = copy.deepcopy(compose)
    change(changed)
    return changed


def set_command_flag(service, flag, value):
    command = service["command"]
    command[command.index(flag) + 1] = value


BREAKAGES = [
    ("the metrics port moved", lambda c: set_command_flag(c["services"]["coopd"],
                                                          "--metrics_listen", "0.0.0.0:9999")),
    ("metrics on loopback only", lambda c: set_command_flag(c["services"]["coopd"],
                                                            "--metrics_listen", "127.0.0.1:9464")),
    ("the coopd service renamed", lambda c: c["services"].update(
        ledger=c["services"].pop("coopd"))),
    ("another Dockerfile", lambda c: c["services"]["coopd"]["build"].update(dockerfile="Dockerfile")),
    ("the data on no volume", lambda c: c["services"]["coopd"].update(volumes=[])),
    ("no Prometheus configuration mounted", lambda c: c["services"]["prometheus"].update(volumes=[])),
]


def main():
    root, promtool = os.path.abspath(sys.argv[1]), sys.argv[2]
    with open(os.path.join(root, "deploy", "compose.yaml"), encoding="utf-8") as f:
        compose = yaml.safe_load(f)
    results = []
    problems = problems_of(root, compose, promtool)
    results.append(("deploy/compose.yaml passes every check", not problems, "\n".join(problems)))
    for what, change in BREAKAGES:
        results.append((f"a compose file broken on purpose ({what}) is refused",
                        bool(problems_of(root, broken(compose, change))), "not caught"))
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
