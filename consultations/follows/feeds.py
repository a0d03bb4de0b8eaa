"""Atom and RSS feeds (Django's syndication framework) of the consultations open for comment and
of the published syntheses; linked with <link rel="alternate"> from the consultation pages
(`consultations/includes/feed_links.html`). Links are absolute, on `PORTAL_BASE_URL`."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations.follows.digest import absolute
from consultations.models import ConsultationPage, ConsultationStatus, Synthesis

LIMIT = 50


def _moment(value) -> str:
    return date_format(timezone.localtime(value), "H:i d/m/Y")


class OpenConsultationsRss(Feed):
    title = gettext_lazy("Dự thảo đang lấy ý kiến — Cổng tham vấn và tra cứu quy định kinh doanh")
    description = gettext_lazy("Các dự thảo văn bản quy phạm pháp luật đang mở lấy ý kiến góp ý, mới mở trước.")
    language = "vi"

    def link(self):
        return absolute("/tham-van/?status=open")

    def feed_url(self):
        return absolute(reverse(self.url_name))

    url_name = "consultations_follows:open_rss"

    def items(self):
        return list(
            ConsultationPage.objects.live()
            .public()
            .in_status(ConsultationStatus.OPEN)
            .select_related("lead_agency")
            .order_by("-opens_at", "pk")[:LIMIT]
        )

    def item_title(self, item: ConsultationPage) -> str:
        return item.title

    def item_description(self, item: ConsultationPage) -> str:
        agency = item.lead_agency.name if item.lead_agency_id else ""
        period = _("Lấy ý kiến từ %(start)s đến %(end)s.") % {
            "start": _moment(item.opens_at),
            "end": _moment(item.closes_at),
        }
        return " ".join(part for part in (agency + ("." if agency else ""), period, item.summary) if part)

    def item_link(self, item: ConsultationPage) -> str:
        return absolute(item.url or "")

    def item_guid(self, item: ConsultationPage) -> str:
        return absolute(item.url or "")

    def item_pubdate(self, item: ConsultationPage):
        return max(item.opens_at, item.first_published_at or item.opens_at)

    def item_updateddate(self, item: ConsultationPage):
        return item.last_published_at or item.opens_at

    def item_author_name(self, item: ConsultationPage) -> str:
        return item.lead_agency.name if item.lead_agency_id else ""


class OpenConsultationsAtom(OpenConsultationsRss):
    feed_type = Atom1Feed
    subtitle = OpenConsultationsRss.description
    url_name = "consultations_follows:open_atom"


class SynthesesRss(Feed):
    title = gettext_lazy("Bản tổng hợp ý kiến đã công bố — Cổng tham vấn và tra cứu quy định kinh doanh")
    description = gettext_lazy(
        "Các bản tổng hợp, tiếp thu, giải trình ý kiến góp ý dự thảo do cơ quan chủ trì soạn thảo công bố, mới trước."
    )
    language = "vi"
    url_name = "consultations_follows:syntheses_rss"

    def link(self):
        return absolute("/tham-van/?status=published")

    def feed_url(self):
        return absolute(reverse(self.url_name))

    def items(self):
        live = ConsultationPage.objects.live().public()
        return list(
            Synthesis.objects.filter(consultation__in=live)
            .select_related("consultation", "consultation__lead_agency")
            .order_by("-published_at", "pk")[:LIMIT]
        )

    def item_title(self, item: Synthesis) -> str:
        return _("Bản tổng hợp ý kiến: %(title)s") % {"title": item.consultation.title}

    def item_description(self, item: Synthesis) -> str:
        consultation = item.consultation
        agency = consultation.lead_agency.name if consultation.lead_agency_id else ""
        return _(
            "%(agency)s đã công bố bản tổng hợp, tiếp thu, giải trình ý kiến góp ý đối với %(title)s ngày "
            "%(day)s; tải về DOCX, XLSX, CSV."
        ) % {
            "agency": agency,
            "title": consultation.title,
            "day": date_format(timezone.localtime(item.published_at), "d/m/Y"),
        }

    def item_link(self, item: Synthesis) -> str:
        return absolute(reverse("consultations_synthesis:page", args=[item.consultation_id]))

    def item_pubdate(self, item: Synthesis):
        return item.published_at

    def item_updateddate(self, item: Synthesis):
        return item.published_at

    def item_author_name(self, item: Synthesis) -> str:
        consultation = item.consultation
        return consultation.lead_agency.name if consultation.lead_agency_id else ""


class SynthesesAtom(SynthesesRss):
    feed_type = Atom1Feed
    subtitle = SynthesesRss.description
    url_name = "consultations_follows:syntheses_atom"
