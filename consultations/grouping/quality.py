"""Purity and recall of near-duplicate groups against known templates (pure).

`truth` maps each comment key to its template (campaign) label, or to None for a comment
written on its own. `found` are the groups the engine returned (comments in no group are alone).

* **purity**: of the comments the engine put in a group, the share that belong to their
  group's majority template (a comment written on its own counts as its own label, so putting
  it in a campaign's group is an impurity);
* **recall**: of the campaign comments, the share that sit in the group holding most of their
  template's comments (a campaign split in two halves has recall about 0.5; one left out
  alone lowers it too).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Quality:
    purity: float
    recall: float
    groups: int  # groups found (2 or more comments)
    grouped: int  # comments in a group
    campaign_comments: int
    templates: int


def measure(found: Iterable[Sequence[int]], truth: Mapping[int, Hashable | None]) -> Quality:
    groups = [list(g) for g in found if len(g) > 1]
    label = {key: (value if value is not None else ("alone", key)) for key, value in truth.items()}

    grouped = sum(len(g) for g in groups)
    majority = sum(Counter(label[key] for key in g).most_common(1)[0][1] for g in groups)
    purity = majority / grouped if grouped else 1.0

    group_of = {key: index for index, g in enumerate(groups) for key in g}
    by_template: dict[Hashable, list[int]] = {}
    for key, value in truth.items():
        if value is not None:
            by_template.setdefault(value, []).append(key)
    campaign_comments = sum(len(keys) for keys in by_template.values())
    recalled = 0
    for keys in by_template.values():
        counts = Counter(group_of[key] for key in keys if key in group_of)
        if counts:
            recalled += counts.most_common(1)[0][1]
    recall = recalled / campaign_comments if campaign_comments else 1.0
    return Quality(
        purity=purity,
        recall=recall,
        groups=len(groups),
        grouped=grouped,
        campaign_comments=campaign_comments,
        templates=len(by_template),
    )
