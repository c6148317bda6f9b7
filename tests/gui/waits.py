"""How long GUI tests wait for work that takes long on a loaded CI machine (never a speed test)."""

FIRST_START_MS = 120_000
"""A first start on the demo: the window, migrations and seeding the whole demo (its PDFs too).
Two test workers on two cores made it take 30 s; the time itself is measured in
benchmarks/bench_startup.py, so the wait only has to be generous."""
