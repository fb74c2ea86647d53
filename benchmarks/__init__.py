"""Benchmarks: each runs Packdesk's code and a named reference side by side in one process."""
