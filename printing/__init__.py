"""Documents as pure functions from plain data to bytes: labels (ZPL, PDF), slips, invoices,
pick lists, manifests (no Qt, no database, no devices)."""
