"""Models of the resolutions domain."""
