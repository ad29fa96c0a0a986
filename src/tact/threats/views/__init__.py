"""Pages of the threat-assessment area: assessments, method templates, rating-sheet import."""
