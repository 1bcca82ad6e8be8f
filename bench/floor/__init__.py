"""The server side of bench/pages.py: the project with a bare layout, Django bare, the pages."""
