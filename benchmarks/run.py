"""Time tipkb's commands as a user runs them: a cold process each time, the median of several runs, each
shown as a ratio to floors measured in the same run (`python -c pass`, `import typer, rich.console`, and
for search a `grep -ri` over the same YAML), with the process's peak memory. Prints a Markdown table.

    python benchmarks/run.py [--runs 5] [--scales 1 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

TIPKB = str(Path(sys.executable).with_name("tipkb"))
# Runs the command once and reports its wall time and its own peak memory (RUSAGE_CHILDREN of a fresh
# wrapper is exactly the one child).
PROBE = ("import resource, subprocess, sys, time\n"
         "t = time.perf_counter()\n"
         "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=None)\n"
         "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")


# What typer itself costs per invocation, beyond `import typer`: it builds pydantic adapters for the
# parameters of every command it runs.
TRIVIAL = ("import typer\napp = typer.Typer()\n@app.command()\ndef main(x: str) -> None:\n    print(x)\n"
           "app()")


@dataclass
class Row:
    name: str
    scale: int
    seconds: float
    peak_mib: float
    goal: str = ""
    met: bool | None = None


def measure(cmd: list[str], env: dict, runs: int) -> tuple[float, float]:
    times, peaks = [], []
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm the cache and disk
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PROBE, *cmd], env=env, capture_output=True, text=True).stdout
        seconds, peak_kib, code = out.split()
        if code != "0":
            raise SystemExit(f"benchmark command failed (exit {code}): {' '.join(cmd)}")
        times.append(float(seconds))
        peaks.append(int(peak_kib) / 1024)
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="tipkb-bench-"))
    env = {**os.environ, "TIPKB_CACHE_DIR": str(work / "cache"), "COLUMNS": "120"}
    env.pop("TIPKB_NO_CACHE", None)
    today = dt.date.today().isoformat()
    try:
        py, _ = measure([sys.executable, "-c", "pass"], env, args.runs)
        floor, _ = measure([sys.executable, "-c", "import typer, rich.console"], env, args.runs)
        trivial, trivial_peak = measure([sys.executable, "-c", TRIVIAL, "x"], env, args.runs)
        rows: list[Row] = [Row("a one-argument typer app (reference)", 0, trivial, trivial_peak)]
        for scale in args.scales:
            root = generate(work / f"kb{scale}", scale)
            grep, _ = measure(["grep", "-ri", "вербовка", str(root / "statutes"), str(root / "mappings")], env,
                              args.runs)
            fast = 1.3 if scale == 1 else 1.6
            cases = [
                ("penalty 128", ["penalty", "128"], env, f"≤ {fast} × typer floor", lambda s: s <= fast * floor),
                ("show 128", ["show", "128"], env, f"≤ {fast} × typer floor", lambda s: s <= fast * floor),
                ("gaps", ["gaps"], env, "≤ 2 × typer floor" if scale == 1 else "", lambda s: s <= 2 * floor),
                ("diff 2015 → today", ["diff", "--from", "2015-01-01", "--to", today], env, "", None),
                ("search recruitment", ["search", "recruitment"], env,
                 "< 3 × grep -ri" if scale == 100 else "", lambda s: s < 3 * grep),
                ("validate (no cache)", ["validate"], {**env, "TIPKB_NO_CACHE": "1"},
                 "< 10 s, < 300 MiB" if scale == 100 else "", None),
                ("index", ["index", "--db", str(work / f"kb{scale}.db")], env, "", None),
            ]
            for name, cmd, case_env, goal, check in cases:
                seconds, peak = measure([TIPKB, *cmd, "--root", str(root)], case_env, args.runs)
                met = None
                if goal and name.startswith("validate"):
                    met = seconds < 10 and peak < 300
                elif goal and check is not None:
                    met = check(seconds)
                rows.append(Row(name, scale, seconds, peak, goal, met))
            rows.append(Row("grep -ri (peer for search)", scale, grep, 0))
        print(table(rows, py, floor, args.runs))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def table(rows: list[Row], py: float, floor: float, runs: int) -> str:
    head = [f"Measured {dt.date.today().isoformat()} on {platform.machine()} {platform.system()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}; median of {runs} cold runs.",
            f"Floors: `python -c pass` {py * 1000:.0f} ms; `python -c \"import typer, rich.console\"` "
            f"{floor * 1000:.0f} ms (the typer floor).", "",
            "| command | KB | median | × typer floor | × python | peak MiB | goal | met |",
            "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        peak = f"{r.peak_mib:.0f}" if r.peak_mib else ""
        head.append(f"| {r.name} | {f'×{r.scale}' if r.scale else ''} | {r.seconds * 1000:.0f} ms | {r.seconds / floor:.2f} | "
                    f"{r.seconds / py:.1f} | {peak} | {r.goal} | {met} |")
    return "\n".join(head)


if __name__ == "__main__":
    main()
