"""The station's screens: each takes the Station in its constructor and listens to it."""
