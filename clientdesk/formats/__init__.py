"""Date formats per language, read through FORMAT_MODULE_PATH: day, month, year, never ambiguous.

Only what differs from Django's own locale formats is set here; input formats and number
separators stay Django's.
"""
