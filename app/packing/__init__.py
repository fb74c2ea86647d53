"""The packing station's domain and use cases (no Qt): scan rules, the PackingService."""
