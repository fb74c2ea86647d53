"""Box suggestion (3-D cartonization): pure Python, no Qt, no database.

`suggest_boxes(units, boxes, objective=...)` is the entry point; `validate_suggestion`
checks any answer independently of how it was found.
"""
from app.boxing.errors import BoxingError
from app.boxing.model import BoxType, Objective, Parcel, Placement, Rules, Suggestion, Unit
from app.boxing.suggest import choose_box, suggest_boxes
from app.boxing.validate import validate_suggestion

__all__ = [
    "BoxType", "BoxingError", "Objective", "Parcel", "Placement", "Rules", "Suggestion",
    "Unit", "choose_box", "suggest_boxes", "validate_suggestion",
]
