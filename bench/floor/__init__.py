"""The floor for bench/pages_http.py: the project with a bare layout, and Django bare."""
