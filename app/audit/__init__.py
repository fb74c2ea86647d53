"""The audit log of every change a person makes: records chained by hash (chain.py) so an
edited, deleted or reordered record is found by `packdesk audit verify`."""
