"""The `packdesk` command line."""
