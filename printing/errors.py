"""The exception family of printing/: every error names the document, the field and the value."""
from __future__ import annotations

from app.errors import PackdeskError
from app.translator import phrase


class PrintingError(PackdeskError):
    """Base of the errors printing/ raises on purpose."""


class DocumentError(PrintingError):
    """A document cannot be made from its data: names the document, field and value."""

    def __init__(self, document: str, field: str, value: object, reason: str) -> None:
        self.document = document
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(phrase("%(document)s: field %(field)s = %(value)s: %(reason)s",
                                document=document, field=field, value=repr(value), reason=reason))
