"""Measure tipkb against the goals of issue 18, as a user runs it: a cold process for every run, the cache warm
for the lookups, and every command interleaved with a floor app (benchmarks/floor.py: a one-argument typer app
that prints a two-row rich table), so that machine noise hits both alike. Each run of a command is divided by
the floor run just before it; a command's result is the median of these ratios with their interquartile
range, its median wall time and its peak memory, compared with the goal. Then, per command, how its cost grows
from the shipped KB (×1) to the synthetic ×10 and ×100 (the whole Code).

    python benchmarks/run.py --markdown results.md   # ×1, ×10, ×100, 20 pairs each: on a quiet machine
    python benchmarks/run.py --quick                 # 3 pairs, ×1 only: check that it works
    python benchmarks/run.py --scales 100 --only gaps diff-all --runs 30
    python benchmarks/run.py --profile penalty       # the cProfile of one command (--importtime: its imports)
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

TIPKB = str(Path(sys.executable).with_name("tipkb"))
FLOOR = [sys.executable, str(HERE / "floor.py"), "128"]
TODAY = dt.date.today().isoformat()
FLAT = 1.10  # a command is "flat" when its ratio to the floor at the largest KB is at most FLAT × that at ×1
# One case for `qualify` (a fictitious adult victim), written to a facts file as a user would.
FACTS = ("date: 2021-05-10\nvictims:\n  - minor: false\nacts: [recruitment]\nmeans: [deception]\n"
         "purposes: [exploitation]\ncross_border: true\n")


@dataclass(frozen=True)
class Command:
    key: str  # for --only and --profile
    label: str  # in the tables
    args: tuple[str, ...]  # after `tipkb`; {name} is filled from the prepared KB (see prepare)
    no_cache: bool = False
    forget: str = ""  # kept results to remove before each timed run (a glob in the cache directory)


COMMANDS = [
    Command("show", "show 128", ("show", "128")),
    Command("penalty", "penalty 128", ("penalty", "128")),
    Command("history", "history 128", ("history", "128")),
    Command("search", "search recruitment", ("search", "recruitment", "--db", "{search_db}")),
    Command("qualify", "qualify one case", ("qualify", "{facts}")),
    Command("gaps", "gaps", ("gaps",)),
    Command("diff-one", "diff 128 2015→today", ("diff", "--from", "2015-01-01", "--to", "{today}", "128")),
    Command("diff-all", "diff all 2015→today", ("diff", "--from", "2015-01-01", "--to", "{today}")),
    # the same, as the first diff between two points: computed, not read from the result the KB's cache keeps
    Command("diff-all-new", "diff all, not kept", ("diff", "--from", "2015-01-01", "--to", "{today}"),
            forget="kb-*/diff-*.json"),
    Command("validate", "validate, no cache", ("validate",), no_cache=True),
    Command("index", "index", ("index", "--db", "{index_db}")),
    Command("import", "import whole Code", ("import", "{text}", "--edition", "{today}")),
]


@dataclass(frozen=True)
class Goal:
    ratio: float | None = None  # the median ratio to the floor is at most this
    seconds: float | None = None  # or: the median wall time is below this …
    mib: float | None = None  # … and the peak memory below this

    def __str__(self) -> str:
        return f"≤ {self.ratio:g}" if self.ratio else f"< {self.seconds:g} s, < {self.mib:g} MiB"


# Issue 18's table, by command and KB scale.
LOOKUP = {1: Goal(ratio=1.1), 100: Goal(ratio=1.2)}
WHOLE_KB = {100: Goal(seconds=5, mib=250)}
GOALS: dict[str, dict[int, Goal]] = {
    "show": LOOKUP, "penalty": LOOKUP, "history": LOOKUP,
    "search": {1: Goal(ratio=1.25), 100: Goal(ratio=1.4)},
    "qualify": {1: Goal(ratio=1.3), 100: Goal(ratio=1.5)},
    "gaps": {1: Goal(ratio=1.4), 100: Goal(ratio=1.8)},
    "diff-one": {1: Goal(ratio=1.25), 100: Goal(ratio=1.4)},
    "diff-all": {1: Goal(ratio=1.5), 100: Goal(ratio=3.5)},
    "validate": WHOLE_KB, "index": WHOLE_KB, "import": WHOLE_KB,
}


# --- the pure helpers (tested in tests/test_benchmarks.py) ---

def quartiles(values: list[float]) -> tuple[float, float]:
    """The first and third quartiles: the interquartile range is the spread we report."""
    if len(values) < 2:
        return values[0], values[0]
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q3


def growth(small: float, large: float) -> tuple[float, str]:
    """How much a command's ratio to the floor grew from the small KB to the large one, and the verdict."""
    factor = large / small
    return factor, "flat" if factor <= FLAT else "grows"


def judge(goal: Goal, ratios: list[float], seconds: list[float], mib: float) -> str:
    """met or missed, on the median; with a "?" when the goal lies inside the interquartile range."""
    values, bound = (ratios, goal.ratio) if goal.ratio else (seconds, goal.seconds)
    q1, q3 = quartiles(values)
    met = statistics.median(values) <= bound if goal.ratio else (statistics.median(values) < bound and mib < goal.mib)
    return ("met" if met else "missed") + ("?" if q1 <= bound <= q3 else "")


# --- running ---

@dataclass
class Result:
    command: Command
    scale: int
    ratios: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    floors: list[float] = field(default_factory=list)
    peak: float = 0.0  # MiB, the largest over the runs
    floor_peak: float = 0.0
    unmeasured: str = ""  # why it was not measured

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def goal(self) -> Goal | None:
        return GOALS.get(self.command.key, {}).get(self.scale)

    @property
    def verdict(self) -> str:
        return judge(self.goal, self.ratios, self.seconds, self.peak) if self.goal and not self.unmeasured else ""


def spawn(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Run once, output discarded: wall seconds, the child's peak memory in MiB (its largest process, from
    wait4's rusage, which on Linux covers the children it waited for), exit code."""
    actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
               (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def first_run(argv: list[str], env: dict[str, str]) -> str:
    """Run once untimed (this warms the cache and the disk); why it failed, or ""."""
    done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode == 0:
        return ""
    last = [line for line in done.stderr.splitlines() if line.strip()][-1:] or [""]
    return f"failed (exit {done.returncode}): {last[0][:120]}"


@cache
def available(subcommand: str) -> bool:
    return subprocess.run([TIPKB, subcommand, "--help"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def whole_code_text_apart(root: Path, out: Path, env: dict[str, str]) -> Path:
    """generate.py's `whole_code_text` in a child process. Rendering the text loads the KB, and the runner must
    stay small: Linux counts the memory of the process a command was started from in the command's peak (at
    exec it keeps the larger of the two maxima), so a large runner would raise every command's peak."""
    code = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); from generate import "
            "whole_code_text; print(whole_code_text(Path(sys.argv[2]), Path(sys.argv[3])))")
    done = subprocess.run([sys.executable, "-c", code, str(HERE), str(root), str(out)], env=env,
                          stdout=subprocess.PIPE, text=True, check=True)
    return Path(done.stdout.strip())


def prepare(scale: int, work: Path, env: dict[str, str]) -> dict[str, str]:
    """The KB at this scale and what the commands need beside it, in the temporary directory."""
    root = generate(work / f"kb{scale}", scale)
    facts = work / "case.yaml"
    facts.write_text(FACTS, encoding="utf-8")
    text = whole_code_text_apart(root, work / f"code{scale}.txt", env)
    kb = {"root": str(root), "today": TODAY, "facts": str(facts), "search_db": str(work / f"search{scale}.db"),
          "index_db": str(work / f"index{scale}.db"), "text": str(text)}
    # search is measured with its index current: build it first (if this fails, search reports it).
    subprocess.run([TIPKB, "index", "--db", kb["search_db"], "--root", str(root)], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return kb


def argv_env(command: Command, kb: dict[str, str], env: dict[str, str], work: Path) -> tuple[list[str], dict]:
    argv = [TIPKB, *(a.format(**kb) for a in command.args), "--root", kb["root"]]
    if command.no_cache:  # no cache: neither used nor written, and the directory does not exist
        env = {**env, "TIPKB_NO_CACHE": "1", "TIPKB_CACHE_DIR": str(work / "no-cache")}
    return argv, env


def measure(command: Command, scale: int, kb: dict[str, str], env: dict[str, str], work: Path, runs: int) -> Result:
    result = Result(command, scale)
    if not available(command.args[0]):
        result.unmeasured = "skipped: not available"
    if result.unmeasured:
        return result
    argv, env = argv_env(command, kb, env, work)
    result.unmeasured = first_run(argv, env)
    if result.unmeasured:
        return result
    for _ in range(runs):  # floor, command, floor, command …: each pair sees the same machine
        floor, floor_peak, _ = spawn(FLOOR, env)
        for kept in Path(env["TIPKB_CACHE_DIR"]).glob(command.forget) if command.forget else ():
            kept.unlink()
        seconds, peak, code = spawn(argv, env)
        if code:
            result.unmeasured = f"failed (exit {code}) in a timed run"
            return result
        result.floors.append(floor)
        result.seconds.append(seconds)
        result.ratios.append(seconds / floor)
        result.peak, result.floor_peak = max(result.peak, peak), max(result.floor_peak, floor_peak)
    return result


# --- reporting ---

def fmt_ratio(x: float) -> str:
    return f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:.0f}"


def spread(r: Result) -> str:
    q1, q3 = quartiles(r.ratios)
    return f"{fmt_ratio(r.ratio)} [{fmt_ratio(q1)}–{fmt_ratio(q3)}]"


def floor_row(results: list[Result], scale: int) -> tuple[float, float]:
    """The floor app at this scale: median ms over every floor run, peak MiB."""
    measured = [r for r in results if r.scale == scale and r.floors]
    floors = [f for r in measured for f in r.floors]
    return (statistics.median(floors) * 1000 if floors else 0.0), max((r.floor_peak for r in measured), default=0.0)


def growth_rows(results: list[Result]) -> tuple[list[tuple[str, ...]], list[int]]:
    """Per command: its ratio to the floor at ×10 and ×100 over that at ×1 (the floor beside each run takes
    out the drift of the machine between scales), and the verdict at the largest scale measured."""
    by = {(r.command.key, r.scale): r for r in results if r.ratios}
    scales = sorted({r.scale for r in results if r.scale > 1})
    rows = []
    for command in COMMANDS:
        base = by.get((command.key, 1))
        if not base or not scales:
            continue
        cells, verdict = [], ""
        for scale in scales:
            large = by.get((command.key, scale))
            if large:
                factor, verdict = growth(base.ratio, large.ratio)
                cells.append(f"{factor:.2f}")
            else:
                cells.append("")
        rows.append((command.label, *cells, verdict))
    return rows, scales


def context(runs: int, load: tuple[float, float]) -> str:
    return (f"Measured {TODAY} on {platform.machine()} {platform.system()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, typer {version('typer')}, rich {version('rich')}, pydantic "
            f"{version('pydantic')}; {runs} interleaved pairs per command; load average {load[0]:.2f} before, "
            f"{load[1]:.2f} after.")


def console_table(results: list[Result], runs: int, load: tuple[float, float]) -> str:
    """The results in 80 columns."""
    row = "{:<19} {:>5} {:>6} {:<17} {:>4} {:<16} {:<7}"
    lines = [*textwrap.wrap(context(runs, load), 80), "",
             row.format("command", "size", "ms", "ratio [IQR]", "MiB", "goal", "met")]
    for scale in sorted({r.scale for r in results}):
        ms, peak = floor_row(results, scale)
        lines.append(row.format("floor app", f"×{scale}", f"{ms:.0f}", "1", f"{peak:.0f}", "", ""))
        for r in (r for r in results if r.scale == scale):
            if r.unmeasured:
                lines.append(f"{r.command.label:<19} {f'×{scale}':>5}  {r.unmeasured}"[:80])
            else:
                lines.append(row.format(r.command.label, f"×{scale}", f"{statistics.median(r.seconds) * 1000:.0f}",
                                        spread(r), f"{r.peak:.0f}", str(r.goal or ""), r.verdict))
    rows, scales = growth_rows(results)
    if rows:
        head = "{:<19}" + " {:>8}" * len(scales) + "  {}"
        lines += ["", f"How cost grows (ratio to floor at ×N over that at ×1; flat when ≤ {FLAT:g}):",
                  head.format("command", *(f"×{s}/×1" for s in scales), "verdict")]
        lines += [head.format(*r) for r in rows]
    lines += ["", "met? / missed?: the goal lies inside the interquartile range of the ratios; measure again."]
    return "\n".join(line.rstrip() for line in lines)


def markdown(results: list[Result], runs: int, load: tuple[float, float]) -> str:
    lines = [context(runs, load), "",
             "| command | size | median ms | ratio to floor, median [IQR] | peak MiB | goal | met |",
             "|---|---|---|---|---|---|---|"]
    for scale in sorted({r.scale for r in results}):
        ms, peak = floor_row(results, scale)
        lines.append(f"| floor app (benchmarks/floor.py) | ×{scale} | {ms:.0f} | 1 | {peak:.0f} |  |  |")
        for r in (r for r in results if r.scale == scale):
            if r.unmeasured:
                lines.append(f"| {r.command.label} | ×{scale} | {r.unmeasured} |  |  | {r.goal or ''} |  |")
            else:
                verdict = r.verdict if r.verdict.startswith("met") else f"**{r.verdict}**" if r.verdict else ""
                lines.append(f"| {r.command.label} | ×{scale} | {statistics.median(r.seconds) * 1000:.0f} | "
                             f"{spread(r)} | {r.peak:.0f} | {r.goal or ''} | {verdict} |")
    rows, scales = growth_rows(results)
    if rows:
        lines += ["", f"How cost grows: the ratio to the floor at ×N over that at ×1; flat when ≤ {FLAT:g}.", "",
                  "| command | " + " | ".join(f"×{s} / ×1" for s in scales) + " | verdict |",
                  "|---" * (len(scales) + 2) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
    lines += ["", "met? / missed?: the goal lies inside the interquartile range of the per-pair ratios."]
    return "\n".join(lines) + "\n"


# --- profiling ---

def short(path: str) -> str:
    for marker in ("site-packages/", str(HERE.parent) + "/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def profile(argv: list[str], env: dict[str, str], work: Path, top: int, importtime: bool) -> None:
    """One run of the command under cProfile (or python -X importtime); prints the top entries."""
    if importtime:
        err = subprocess.run([sys.executable, "-X", "importtime", *argv], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True).stderr
        imports = []  # (cumulative µs, self µs, module)
        for line in err.splitlines():
            if line.startswith("import time:") and "|" in line and "self [us]" not in line:
                own, cumulative, name = line[len("import time:"):].split("|", 2)
                imports.append((int(cumulative), int(own), name.strip()))
        print(f"imports: {sum(i[1] for i in imports) / 1000:.0f} ms in all; the top {top} by cumulative time")
        print(f"{'cumul ms':>9} {'self ms':>8}  module")
        for cumulative, own, name in sorted(imports, reverse=True)[:top]:
            print(f"{cumulative / 1000:9.1f} {own / 1000:8.1f}  {name}")
        return
    out = work / "profile.out"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), *argv], env=env, stdout=subprocess.DEVNULL)
    stats = pstats.Stats(str(out)).stats  # {(file, line, function): (primitive calls, calls, own, cumulative, _)}
    machinery = [key for key in stats if key[0].startswith("<frozen importlib") or key[2].endswith("builtins.exec>")]
    for title, column, shown in (("cumulative", 3, {k: v for k, v in stats.items() if k not in machinery}),
                                 ("own", 2, stats)):
        print(f"\nthe top {top} by {title} time" + (" (import machinery left out: see --importtime)"
                                                   if column == 3 else ""))
        print(f"{'cumul ms':>9} {'own ms':>8} {'calls':>8}  function")
        for (file, line, name), entry in sorted(shown.items(), key=lambda kv: -kv[1][column])[:top]:
            where = f"{short(file)}:{line}({name})" if line else name
            print(f"{entry[3] * 1000:9.1f} {entry[2] * 1000:8.1f} {entry[1]:>8}  {where}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, help="interleaved pairs per command (default 20; 3 with --quick)")
    parser.add_argument("--scales", type=int, nargs="+", help="KB sizes (default 1 10 100; 1 with --quick)")
    parser.add_argument("--only", nargs="+", metavar="KEY", choices=[c.key for c in COMMANDS],
                        help="measure only these commands: " + ", ".join(c.key for c in COMMANDS))
    parser.add_argument("--quick", action="store_true", help="a few runs at ×1: to develop the runner")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the results as Markdown")
    parser.add_argument("--profile", metavar="KEY", choices=[c.key for c in COMMANDS],
                        help="run this command once under cProfile, at the first of --scales, and print the top")
    parser.add_argument("--importtime", action="store_true", help="with --profile: python -X importtime instead")
    parser.add_argument("--top", type=int, default=25, help="entries shown by --profile (default 25)")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 20)
    scales = args.scales or ([1] if args.quick else [1, 10, 100])
    commands = [c for c in COMMANDS if not args.only or c.key in args.only]

    # tipkb's byte code, as an install writes it: with PYTHONDONTWRITEBYTECODE set (as here) an editable install
    # would otherwise compile its own modules on every run, which the floor's installed libraries never do.
    compileall.compile_dir(HERE.parent / "kb", quiet=1)
    compileall.compile_dir(HERE.parent / "cli", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="tipkb-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIPKB_")}
    env.update(TIPKB_CACHE_DIR=str(work / "cache"), COLUMNS="100")  # never the user's cache
    try:
        if first := first_run(FLOOR, env):
            raise SystemExit(f"the floor app {first}")
        if args.profile:
            command = next(c for c in COMMANDS if c.key == args.profile)
            kb = prepare(scales[0], work, env)
            argv, case_env = argv_env(command, kb, env, work)
            if problem := first_run(argv, case_env):  # also warms the cache
                raise SystemExit(f"{command.label}: {problem}")
            print(f"{command.label} at ×{scales[0]}: {' '.join(argv[1:])}")
            profile(argv, case_env, work, args.top, args.importtime)
            return
        load_before = os.getloadavg()[0]
        results = []
        for scale in scales:
            print(f"×{scale}: generating the KB and its index …", file=sys.stderr)
            kb = prepare(scale, work, env)
            for command in commands:
                r = measure(command, scale, kb, env, work, runs)
                results.append(r)
                done = r.unmeasured or f"{statistics.median(r.seconds) * 1000:.0f} ms, {spread(r)} × floor"
                print(f"×{scale} {command.label}: {done}", file=sys.stderr)
        load = (load_before, os.getloadavg()[0])
        print(console_table(results, runs, load))
        if args.markdown:
            args.markdown.write_text(markdown(results, runs, load), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
