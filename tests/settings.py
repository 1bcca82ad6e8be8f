"""The test run's settings: the portal's own, in development mode.

With DEBUG unset the portal is in production mode (clientdesk/settings.py), which needs
a real secret key, allowed hosts and https. The suite runs the development settings as
the demo does (pytest-django still runs each test with DEBUG False); the production
settings are tested in subprocesses of their own (tests/core/test_settings.py).
"""

import os

os.environ.setdefault("DEBUG", "1")

from clientdesk.settings import *  # noqa: F403
