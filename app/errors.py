"""The exception family of app/: every message names what it is about and what to do."""


class PackdeskError(Exception):
    """Base of every error Packdesk raises on purpose; its message is meant for a person."""


class ConfigError(PackdeskError):
    """The station configuration is missing, unreadable or inconsistent."""


class DatabaseUnavailable(PackdeskError):
    """The central database cannot be reached."""


class DatabaseNotReady(DatabaseUnavailable):
    """The database answers but cannot be used: never upgraded, or read-only for this user."""
