"""The exception family of printing/: every error names the document, the field and the value."""
from __future__ import annotations

from app.errors import PackdeskError


class PrintingError(PackdeskError):
    """Base of the errors printing/ raises on purpose."""


class DocumentError(PrintingError):
    """A document cannot be made from its data: names the document, field and value."""

    def __init__(self, document: str, field: str, value: object, reason: str) -> None:
        self.document = document
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{document}: field {field} = {value!r}: {reason}")
