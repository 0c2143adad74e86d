"""Benchmarks: ours against the floors (run.py), load (load.py, flood.py),
replicas behind nginx (replicas.py), layout shift (layout_shift.py)."""
