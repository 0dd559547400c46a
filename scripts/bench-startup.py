#!/usr/bin/env python3
"""Start-up cost of `flowplay lint FILE` (issue 17, "Start-up"): prints figures, asserts nothing.

Builds the release CLI (unless --no-build), then runs the whole process on one small workflow,
N times per case, interleaved so that drift hits every case alike:

  no-task       a flow without a Task, catalog rules on (only the catalog index is needed)
  ecs-task      a flow with one ECS Task, catalog rules on (the index and the Ecs product)
  no-catalog    the same ECS flow with --no-catalog (the floor: no catalog at all)

For each case: median and minimum wall time (spawn to exit, measured here), peak RSS, and the
median wall time as a ratio of --no-catalog's median. Budget (issue 17): with catalog rules on,
<= 10 ms wall and <= 15 MiB peak RSS.

Peak RSS comes from separate runs under `/usr/bin/time -f %M`. Not from the child's ru_maxrss
here: Linux keeps the high-water mark of the memory a process execs away from, and a child
spawned by Python (vfork or fork) execs away from Python's ~15 MiB, so every case would read
at least that. /usr/bin/time forks from its own ~1 MiB. Without it, the wait4 figure is printed,
marked as an upper bound.

Usage: scripts/bench-startup.py [--runs 20] [--no-build] [--bin PATH]
Stdlib only; Linux (ru_maxrss and time's %M are in KiB there).
"""
import argparse, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

NO_TASK = """Type: StateMachine
Name: demo
SpecVersion: v1
StartAt: A
States:
  - Type: Pass
    Name: A
    End: true
"""

ECS_TASK = """Type: StateMachine
Name: demo
SpecVersion: v1
StartAt: A
States:
  - Type: Task
    Name: A
    Action: ECS:DescribeInstances
    Parameters:
      RegionId: cn-hangzhou
      PageSize: 50
    End: true
"""


TIME = "/usr/bin/time"


def peak_rss(argv, cwd, out):
    """Peak RSS (KiB) of one run of `argv` under /usr/bin/time."""
    run_once([TIME, "-o", out, "-f", "%M"] + argv, cwd)
    with open(out) as f:
        return int(f.read().split()[-1])


def run_once(argv, cwd):
    """Wall seconds and ru_maxrss (KiB, an upper bound: see above) of one run; output discarded."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    old = os.getcwd()
    os.chdir(cwd)
    try:
        start = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, dict(os.environ, NO_COLOR="1"), file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
    finally:
        os.chdir(old)
        os.close(devnull)
    code = os.waitstatus_to_exitcode(status)
    # 0: clean, 1: findings. Anything else (2: unreadable, a signal) means the bench is broken.
    if code not in (0, 1):
        sys.exit(f"{' '.join(argv)} exited with {code}")
    return wall, usage.ru_maxrss


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--no-build", action="store_true", help="use the release binary as it is")
    ap.add_argument("--bin", help="the flowplay binary (default: <target>/release/flowplay)")
    args = ap.parse_args()
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    binary = os.path.abspath(args.bin or os.path.join(target, "release", "flowplay"))
    if not args.no_build and not args.bin:
        subprocess.run(["cargo", "build", "-j", "1", "--release", "-p", "flowplay-cli"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory(prefix="flowplay-startup-") as tmp:
        for name, text in [("no-task.yaml", NO_TASK), ("ecs-task.yaml", ECS_TASK)]:
            with open(os.path.join(tmp, name), "w") as f:
                f.write(text)
        cases = [
            ("no-task", [binary, "lint", "no-task.yaml"]),
            ("ecs-task", [binary, "lint", "ecs-task.yaml"]),
            ("no-catalog", [binary, "lint", "--no-catalog", "ecs-task.yaml"]),
        ]
        for _, argv in cases:  # warm the page cache
            run_once(argv, tmp)
        timed = os.access(TIME, os.X_OK)
        walls = {name: [] for name, _ in cases}
        rss = {name: [] for name, _ in cases}
        for _ in range(args.runs):
            for name, argv in cases:
                w, r = run_once(argv, tmp)
                walls[name].append(w)
                rss[name].append(peak_rss(argv, tmp, os.path.join(tmp, "rss")) if timed else r)
    floor = statistics.median(walls["no-catalog"])
    print(f"binary: {binary} ({os.path.getsize(binary):,} bytes)")
    print(f"{args.runs} runs per case, interleaved")
    if not timed:
        print(f"no {TIME}: peak RSS is wait4's ru_maxrss, an upper bound (includes this script's)")
    print(f"{'case':<12} {'median ms':>10} {'min ms':>8} {'peak RSS MiB (median/max)':>27} {'x no-catalog':>13}")
    for name, _ in cases:
        med = statistics.median(walls[name])
        print(
            f"{name:<12} {med * 1e3:>10.2f} {min(walls[name]) * 1e3:>8.2f} "
            f"{statistics.median(rss[name]) / 1024:>18.1f} / {max(rss[name]) / 1024:<6.1f} {med / floor:>12.2f}x"
        )


if __name__ == "__main__":
    main()
