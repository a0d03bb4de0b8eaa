"""The scoreboard's figures, free of the database (mypy --strict).

For each agency (the lead agency of its consultations), over the consultations that have
opened:
- **consultations**: how many;
- **comments**: comments received (counted: hidden ones too);
- **answered share**: of the comments that need an answer (counted and not hidden), those with
  a public answer (their own or their group's);
- **on-time share**: of the comments that need an answer *and whose deadline has passed*, those
  whose answer was published on or before the deadline day (a comment whose deadline has not
  come yet is neither on time nor late); None when no deadline has passed;
- **median days to answer**: the median, over answered comments, of the days from the closing
  day to the day the answer was published (0 for an answer published before closing);
- **overdue now**: comments without a public answer whose deadline day has passed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from statistics import median


@dataclass(frozen=True)
class CommentFact:
    agency_id: int
    needs_answer: bool  # counted and not hidden
    closing_day: date
    deadline: date | None
    answered_on: date | None  # the day its public answer was published (Vietnam time)


@dataclass(frozen=True)
class AgencyFigures:
    agency_id: int
    consultations: int
    comments: int
    needing_answer: int
    answered: int
    due: int  # needing an answer, deadline passed
    answered_on_time: int
    median_days_to_answer: float | None
    overdue_now: int

    @property
    def answered_share(self) -> float | None:
        return self.answered / self.needing_answer if self.needing_answer else None

    @property
    def on_time_share(self) -> float | None:
        return self.answered_on_time / self.due if self.due else None


def figures(
    consultations_by_agency: dict[int, int],
    comments_by_agency: dict[int, int],
    facts: Iterable[CommentFact],
    today: date,
) -> list[AgencyFigures]:
    """One line per agency that held a consultation, the best on-time share first (agencies with
    nothing due yet last), then the most comments."""
    needing: dict[int, int] = {}
    answered: dict[int, int] = {}
    due: dict[int, int] = {}
    on_time: dict[int, int] = {}
    overdue: dict[int, int] = {}
    days: dict[int, list[int]] = {}
    for fact in facts:
        if not fact.needs_answer:
            continue
        agency = fact.agency_id
        needing[agency] = needing.get(agency, 0) + 1
        passed = fact.deadline is not None and fact.deadline < today
        if passed:
            due[agency] = due.get(agency, 0) + 1
        if fact.answered_on is not None:
            answered[agency] = answered.get(agency, 0) + 1
            days.setdefault(agency, []).append(max((fact.answered_on - fact.closing_day).days, 0))
            if passed and fact.deadline is not None and fact.answered_on <= fact.deadline:
                on_time[agency] = on_time.get(agency, 0) + 1
        elif passed:
            overdue[agency] = overdue.get(agency, 0) + 1
    lines = [
        AgencyFigures(
            agency_id=agency,
            consultations=held,
            comments=comments_by_agency.get(agency, 0),
            needing_answer=needing.get(agency, 0),
            answered=answered.get(agency, 0),
            due=due.get(agency, 0),
            answered_on_time=on_time.get(agency, 0),
            median_days_to_answer=float(median(days[agency])) if days.get(agency) else None,
            overdue_now=overdue.get(agency, 0),
        )
        for agency, held in consultations_by_agency.items()
    ]
    return sorted(lines, key=lambda line: (line.on_time_share is None, -(line.on_time_share or 0), -line.comments))
