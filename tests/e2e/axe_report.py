"""The table of axe findings by page, for the note: each crawl writes its findings to
AXE_DIR, and the run prints them as one table when it ends (conftest.py)."""

import json
from collections import defaultdict

from tests.e2e.journeys import SCREENSHOTS

AXE_DIR = SCREENSHOTS.parent / "axe"
IMPACTS = ("critical", "serious", "moderate", "minor")


def record_findings(who: str, pages: list[str], findings: list[dict]) -> None:
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    (AXE_DIR / f"{who}.json").write_text(json.dumps({"pages": pages, "findings": findings}))


def table() -> list[str]:
    """One line per person and page crawled: the count of failing elements by impact,
    summed over both languages and widths, and the rules that failed."""
    lines = [f"{'who':<10} {'page':<58} " + " ".join(f"{i:>8}" for i in IMPACTS) + "  rules"]
    for path in sorted(AXE_DIR.glob("*.json")):
        data = json.loads(path.read_text())
        counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(IMPACTS, 0))
        rules: dict[str, set[str]] = defaultdict(set)
        for finding in data["findings"]:
            counts[finding["page"]][finding["impact"]] += 1
            rules[finding["page"]].add(finding["rule"])
        for page in data["pages"]:
            figures = " ".join(f"{counts[page][i]:>8}" for i in IMPACTS)
            lines.append(
                f"{path.stem:<10} {page[:58]:<58} {figures}  {' '.join(sorted(rules[page]))}"
            )
    return lines
