"""The station's Qt screens, view-models, keyboard-wedge detector and sounds; the composition root."""
