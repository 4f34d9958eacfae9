"""Shared pieces of the benchmarks: sizes, statistics, the machine, tables and the markdown file."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DATA = ROOT / "bench-data"
DOC = ROOT / "docs" / "benchmarks.md"
BENCH = Path(__file__).resolve().parent / "bench.py"
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
SEED = 20240601


def data_dir(size: str) -> Path:
    return BENCH_DATA / f"contacts-{size}"


# -- statistics ---------------------------------------------------------------------------
def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), nearest-rank: an observed value, never an interpolation."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil
    return ordered[int(rank) - 1]


# -- the machine --------------------------------------------------------------------------
def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> str:
    return f"{os.cpu_count()} × {cpu_model()}, Python {platform.python_version()}"


def git_rev() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def rss_kib() -> tuple[int, int]:
    """(VmRSS, VmHWM) of this process in KiB."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            key, rest = line.split(":", 1)
            values[key] = int(rest.split()[0])
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    # An installed app runs from bytecode; keep that cache in bench-data/, not in the sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(BENCH_DATA / "pycache")
    return env


def run_child(args: list[str], timeout: float = 600) -> dict:
    """Run ``bench.py <args>`` in a fresh interpreter; it prints one JSON object last."""
    proc = subprocess.run([sys.executable, str(BENCH), *args], capture_output=True, text=True,
                          env=child_env(), timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"bench.py {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        raise RuntimeError(f"bench.py {' '.join(args)} printed no result:\n{proc.stdout[-2000:]}")
    return json.loads(lines[-1])


# -- results ------------------------------------------------------------------------------
@dataclass
class Row:
    metric: str
    runs: int
    median: float
    unit: str
    target: str = ""
    ok: bool | None = None
    p95: float | None = None

    def cells(self) -> list[str]:
        verdict = "" if self.ok is None else ("pass" if self.ok else "**FAIL**")
        return [self.metric, str(self.runs), fmt(self.median, self.unit),
                "" if self.p95 is None else fmt(self.p95, self.unit), self.target, verdict]


def fmt(value: float, unit: str) -> str:
    if value != value:  # nan
        return "n/a"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "/s":
        return f"{value:,.0f} /s"
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    if unit == "s":
        return f"{value:.2f} s"
    if float(value).is_integer():
        return f"{value:,.0f} {unit}".strip()
    return f"{value:g} {unit}".strip()


@dataclass
class Result:
    key: str  # section name in docs/benchmarks.md
    title: str
    command: str
    size: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # markdown paragraphs / tables
    when: str = field(default_factory=lambda: dt.datetime.now().strftime("%Y-%m-%d %H:%M"))

    def table(self) -> str:
        header = ["metric", "runs", "median", "p95", "target", "result"]
        return md_table(header, [r.cells() for r in self.rows])

    def print(self) -> None:
        print()
        print(f"== {self.title} ({self.size}) ==")
        print(text_table(["metric", "runs", "median", "p95", "target", "result"],
                         [r.cells() for r in self.rows]))
        sys.stdout.flush()

    def markdown(self) -> str:
        parts = [
            f"## {self.title}",
            "",
            f"`{self.command}` · data: {self.size} · {machine()} · {self.when} · commit {git_rev()}",
            "",
            self.table(),
        ]
        for note in self.notes:
            parts += ["", note]
        return "\n".join(parts)


def md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def text_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(str(c).replace("**", "").ljust(w) for c, w in zip(row, widths, strict=True))
            for row in rows]
    return "\n".join(out)


# -- docs/benchmarks.md -------------------------------------------------------------------
SECTION_ORDER = ("summary", "insert", "search", "list", "startup", "gen")
_DOC_HEAD = f"""# Benchmarks

The figures the foundation must reach, measured by `scripts/bench.py` on seeded synthetic
data (`crm_desktop.core.synth.Synth`, seed {SEED}). Every section below is rewritten by
`python scripts/bench.py <command> --size <size> --write`; the machine is shared and
noisy, so medians of several runs are reported and ratios are measured within one run.
Databases are built once under `bench-data/` (git-ignored) and reused.
"""


def _sections(text: str) -> dict[str, str]:
    found = {}
    for m in re.finditer(r"<!-- bench:(\w+) -->\n(.*?)\n<!-- /bench:\1 -->", text, re.S):
        found[m.group(1)] = m.group(2)
    return found


def write_section(result: Result) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    sections = _sections(text)
    sections[result.key] = result.markdown()
    sections["summary"] = _summary(sections)
    order = [k for k in SECTION_ORDER if k in sections] + sorted(set(sections) - set(SECTION_ORDER))
    body = "\n\n".join(f"<!-- bench:{k} -->\n{sections[k]}\n<!-- /bench:{k} -->" for k in order)
    tail = ""
    m = re.search(r"<!-- bench:end -->\n(.*)\Z", text, re.S)
    if m:
        tail = m.group(1)
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(f"{_DOC_HEAD}\n{body}\n\n<!-- bench:end -->\n{tail}", encoding="utf-8")
    print(f"updated {DOC.relative_to(ROOT)} [{result.key}]")


def _summary(sections: dict[str, str]) -> str:
    """One table of every target row found in the other sections."""
    rows = []
    for key in SECTION_ORDER[1:]:
        body = sections.get(key)
        if not body:
            continue
        title = body.splitlines()[0].removeprefix("## ")
        size = re.search(r"· data: (.+?) ·", body)
        when = re.search(r"· (\d{4}-\d\d-\d\d \d\d:\d\d) ·", body)
        for line in body.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            if len(cells) == 6 and cells[4] and cells[0] != "metric" and not set(cells[0]) <= {"-"}:
                rows.append([f"{title}: {cells[0]}", size.group(1) if size else "", cells[2], cells[4],
                             cells[5], when.group(1) if when else ""])
    return "## Summary\n\n" + md_table(["figure", "data", "median", "target", "result", "measured"], rows)
