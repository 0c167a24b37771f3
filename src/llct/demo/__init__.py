"""The demo app, at the top of the data flow: `llct demo` (management command), the demo province with its
history, training and documents that it loads (`llct.demo.load`), and the synthetic rosters of any size
for benchmarks (`llct.demo.rosters`, no Django)."""
