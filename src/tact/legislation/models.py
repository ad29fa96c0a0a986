"""Models of the legislation domain."""
