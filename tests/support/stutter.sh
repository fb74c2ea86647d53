#!/usr/bin/env bash
# Run a command while stopping it (and its children: pytest-xdist's workers) for 50 ms every
# 70 ms, as a loaded machine does now and then: a test that depends on being run on time fails
# here every time instead of once a week in CI. For example:
#   tests/support/stutter.sh .venv/bin/python -m pytest -q tests/ui -n 2
# It found the wedge tests' unstamped keys and `devices scan`'s fixed wait (docs/devices.md).
"$@" &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
  sleep 0.07
  pkill -STOP -P "$pid" 2>/dev/null; kill -STOP "$pid" 2>/dev/null
  sleep 0.05
  kill -CONT "$pid" 2>/dev/null; pkill -CONT -P "$pid" 2>/dev/null
done
wait "$pid"
