#!/usr/bin/env python
"""English is the source language: its catalogue translates each string to itself.

Run by `make messages` after makemessages, so the English catalogue is complete.
"""

from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "clientdesk/locale/en/LC_MESSAGES/django.po"


def main() -> None:
    po = polib.pofile(str(CATALOGUE))
    for entry in po:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
    po.save()


if __name__ == "__main__":
    main()
