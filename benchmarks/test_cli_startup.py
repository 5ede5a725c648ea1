"""Start-up budget: ``kansrijk --help`` < 0.3 s CPU (user + sys, median of 10 runs), and the
help imports none of the heavy libraries (they load inside the commands that use them).

Run directly for a report: ``.venv/bin/python benchmarks/test_cli_startup.py``."""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
from pathlib import Path

BUDGET_CPU_S = 0.3
RUNS = 10
KANSRIJK = Path(sys.executable).with_name("kansrijk")


def help_cpu_seconds(runs: int = RUNS) -> list[float]:
    """User + sys CPU seconds of each of ``runs`` runs of ``kansrijk --help``."""
    out = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([str(KANSRIJK), "--help"], check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return out


def test_help_cpu_within_budget() -> None:
    median = statistics.median(help_cpu_seconds())
    print(f"kansrijk --help: median {median:.3f} s CPU over {RUNS} runs")
    assert median < BUDGET_CPU_S


if __name__ == "__main__":
    times = help_cpu_seconds()
    print(
        f"kansrijk --help CPU (user+sys), {RUNS} runs: median {statistics.median(times):.3f} s, "
        f"min {min(times):.3f} s, max {max(times):.3f} s (budget {BUDGET_CPU_S} s)"
    )
