"""Orders: their status lifecycle, claiming for packing, queries."""
