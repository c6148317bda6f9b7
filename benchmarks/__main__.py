"""Run every benchmark: ``python -m benchmarks``."""

from __future__ import annotations

import runpy
import sys

BENCHMARKS = [
    "benchmarks.bench_startup",
    "benchmarks.bench_catalogue",
    "benchmarks.bench_direct_award_pdf",
    "benchmarks.bench_spreadsheet",
    "benchmarks.bench_load",
    "benchmarks.bench_audit",
    "benchmarks.bench_compliance",
]

if __name__ == "__main__":
    for name in BENCHMARKS:
        print(f"== {name}")
        sys.argv = [name]
        runpy.run_module(name, run_name="__main__")
