"""Admin panels: the derivation of a parameter set's hourly value, shown in its edit form."""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.panels import HelpPanel


class DerivationPanel(HelpPanel):
    """Shows how the saved hourly value is obtained ("7.700.000 ÷ 1 ÷ 22 ÷ 8 = 43.750 đồng/giờ")."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            derivation = getattr(self.instance, "derivation", None)
            if self.instance is None or self.instance.pk is None or derivation is None:
                self.content = format_html("<p>{}</p>", _("Cách tính giá trị một giờ hiện ra sau khi lưu."))
            else:
                self.content = format_html("<p>{}: <strong>{}</strong></p>", _("Giá trị một giờ đã lưu"), derivation())
