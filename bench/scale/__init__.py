"""The scale-data generator behind ``manage.py scale_data`` (see generator.py)."""
