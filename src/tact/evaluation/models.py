"""Models of the evaluation domain."""
