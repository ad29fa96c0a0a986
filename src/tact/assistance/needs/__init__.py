"""Needs for technical assistance: the one write path (:mod:`.services`), reads and
matching to projects and offers (:mod:`.selectors`, :mod:`.matching`), pages and API."""
