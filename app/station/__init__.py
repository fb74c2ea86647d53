"""The station's Qt-free core: state, rules and workflow of one packing station (docs/station.md)."""
