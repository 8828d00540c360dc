"""kxtui benchmarks: `python -m bench` (not part of the pytest suite).

Every figure is a median (or p50/p95) of several repetitions, and every ratio divides it by a
baseline measured in the SAME run, alternating with it, because the machine is shared and noisy:
never compare these numbers with another run's.

1. Start to first frame (bench.startup): `python -m kxtui --db demo.db` in an 80×24
   pseudo-terminal, spawn → the header title in its output, against a hello-world Textual app
   spawned the same way (spawn → "hello world"). Goal: kxtui ≤ 1.3× hello world. Also shown,
   for information: spawn → first county name in the tree (the data), and → the footer's keys.
2. Tree expand of a town with 1,000 villages (bench.expand): keypress → → the paint that shows
   the 1,000 village nodes, in the real app under Pilot. Goal ≤ 20 ms. Baselines: a plain
   Textual Tree given 1,000 pre-made labels in one go (the widget's own cost), and, for the
   query alone, `regions.children(town)` against a bare `SELECT id, name`.
3. Jump-to, keystroke → results (bench.jump): last keystroke of "jzs", "胶州", "fajd" ... →
   the paint that shows that query's results, on the county demo. Goal ≤ 50 ms (p50 and p95).
   Baselines: a minimal Input + OptionList app filtering the same names in memory, and
   `search.search()` alone (the SQL part).

Databases are built into a temporary directory on each run (bench.fixtures) and deleted after.
"""
