import pytest


@pytest.fixture(autouse=True)
def _private_files_in_a_temporary_directory(settings, tmp_path):
    settings.VAR_DIR = tmp_path
