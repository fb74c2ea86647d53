"""Scanning without Qt or devices: what the keys of a typing scanner mean under each keyboard
layout, and which code a garbled keyboard scan probably was."""
