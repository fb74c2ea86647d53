"""Packdesk's domain, use cases, persistence, configuration and CLI (no Qt, no devices)."""
