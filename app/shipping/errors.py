"""What goes wrong in shipping, said so a person knows what to do."""
from __future__ import annotations

from app.errors import PackdeskError


class ShippingError(PackdeskError):
    """A shipping request that cannot be done as asked (the message says why and what to do)."""
