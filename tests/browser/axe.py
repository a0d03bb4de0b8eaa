"""Run the vendored axe-core (tests/browser/vendor/axe.min.js) in a Playwright page."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"

# WCAG 2.0/2.1 A and AA rules, plus axe's best practices (landmarks, heading order, ...).
RUN_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

BLOCKING_IMPACTS = ("serious", "critical")

# Animations and transitions that end (a message fading in, a panel sliding open) are over:
# colour contrast measured half-way through one would be neither the page's nor a fair reading.
SETTLED = """() => document.getAnimations().every(
    (animation) => animation.playState !== "running" || animation.effect?.getTiming().iterations === Infinity
)"""


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: list[str]

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        return f"[{self.impact}] {self.rule}: {self.help} ({len(self.targets)} nodes: {shown})"


def run_axe(page: Any) -> list[Violation]:
    """Inject axe-core into `page` (a playwright.sync_api.Page) and return every violation, once
    the page's finite animations have ended."""
    page.wait_for_function(SETTLED, timeout=10_000)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    raw = page.evaluate("async (options) => (await axe.run(document, options)).violations", RUN_OPTIONS)
    return [
        Violation(
            rule=item["id"],
            impact=item.get("impact") or "minor",
            help=item["help"],
            targets=[" ".join(map(str, node["target"])) for node in item["nodes"]],
        )
        for item in raw
    ]


def blocking(violations: list[Violation]) -> list[Violation]:
    """The violations that fail the build: impact serious or critical."""
    return [v for v in violations if v.impact in BLOCKING_IMPACTS]
