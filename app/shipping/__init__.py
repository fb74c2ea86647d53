"""After packing (issue 15): carriers and their rate tables, the service chosen for a parcel,
the hand-over at the dock and the end-of-day manifest. docs/shipping.md."""
