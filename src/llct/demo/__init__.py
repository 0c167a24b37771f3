"""Synthetic data: rosters of any size for benchmarks (`llct.demo.rosters`, no Django) and the demo
province that `llct demo` loads into the database (`llct.demo.province`)."""
