"""Persistence: the central database (SQLite built in, PostgreSQL for many stations)."""
