"""A web worker starts without the libraries only some requests need.

WeasyPrint, pyHanko and openpyxl cost a worker about 45, 45 and 35 MB; they are imported
where a PDF is rendered, a contract sealed or checked, a spreadsheet written.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("weasyprint", "pyhanko", "pyhanko_certvalidator", "openpyxl")

STARTUP = """
import json, sys
from clientdesk.wsgi import application
from django.urls import get_resolver
get_resolver().url_patterns  # every view module, as the first request loads them
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in {heavy!r})))
"""


def test_a_worker_loads_every_view_without_the_pdf_signing_and_spreadsheet_libraries():
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "clientdesk.settings"}
    done = subprocess.run(
        [sys.executable, "-c", STARTUP.format(heavy=set(HEAVY))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
