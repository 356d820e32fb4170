"""The wafix benchmark harness (issue 8); bench/bench.py is its entry point."""
