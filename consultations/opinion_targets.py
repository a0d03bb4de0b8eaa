"""Which models may receive an Advisory Council opinion (consultations.models.opinions).

Apps above consultations register their models here (compliance_cost registers reduction plans
and their items in its ``AppConfig.ready``), so consultations never imports them. A model is
registered with the label the opinion form shows.
"""

from __future__ import annotations

from typing import Any

_TARGETS: dict[type, Any] = {}


def register_target(model: type, label: Any) -> None:
    _TARGETS[model] = label


def is_registered_target(model: type) -> bool:
    return model in _TARGETS


def registered_targets() -> dict[type, Any]:
    return dict(_TARGETS)
