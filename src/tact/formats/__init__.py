"""One date and number format per locale across the site (settings.FORMAT_MODULE_PATH).

Dates read with the month name in every language (`{{ d|date }}` / "DATE_FORMAT"), never the
ISO form, which is kept for files and the API. Django's own locale formats fill what is not
set here; only the choices tact makes differently are written down.
"""
