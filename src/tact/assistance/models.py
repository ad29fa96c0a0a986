"""Models of the assistance domain."""
