"""The picker's screen core: a pick list walked stop by stop (Qt-free, on the station thread)."""
