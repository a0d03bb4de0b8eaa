"""Response shapes of the consultation API (drf-spectacular reads them for the schema)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.request import Request

from consultations.api import queries
from consultations.models import CommentStatus, ConsultationPage, ConsultationStatus, CouncilOpinion, Disposition
from consultations.synthesis.views import file_url


class AgencySerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="As the `agency=` filter takes it.")
    name = serializers.CharField()


class ConsultationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=ConsultationStatus.values)
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField(help_text="Inclusive: comments are taken up to this instant.")
    agency = AgencySerializer(allow_null=True, help_text="The lead agency (cơ quan chủ trì soạn thảo).")
    document_type = serializers.CharField(help_text="Loại văn bản, e.g. nghi-dinh.")
    url = serializers.CharField(help_text="The consultation's page.")
    article_count = serializers.IntegerField(help_text="Commentable units: articles, or numbered sections.")
    comment_count = serializers.IntegerField(help_text="Comments received (hidden ones included).")
    synthesis_docx_url = serializers.CharField(
        allow_null=True, help_text="The published synthesis (bản tổng hợp, tiếp thu, giải trình) as DOCX; null before."
    )
    synthesis_xlsx_url = serializers.CharField(
        allow_null=True, help_text="The same, one row per comment (XLSX); null before."
    )
    synthesis_csv_url = serializers.CharField(
        allow_null=True, help_text="The same, one row per comment (CSV); null before."
    )


class ConsultationListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = ConsultationSerializer(many=True)


class ArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The `article_id` to comment on it.")
    number = serializers.CharField(
        help_text="Its number or label as printed (5 for Điều 5; I, 1, a in a draft without articles)."
    )
    title = serializers.CharField(allow_blank=True)
    comment_count = serializers.IntegerField()


class QuestionSerializer(serializers.Serializer):
    text = serializers.CharField()
    note = serializers.CharField(allow_blank=True)


class CouncilOpinionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    text = serializers.CharField(help_text="Plain text (line breaks kept), never HTML.")
    given_on = serializers.DateField(help_text="The opinion's date.")
    published_at = serializers.DateTimeField(allow_null=True)
    signatories = serializers.ListField(
        child=serializers.CharField(), help_text="The Council members who signed it, in order."
    )


class ConsultationDetailSerializer(ConsultationSerializer):
    articles = ArticleSerializer(many=True)
    questions = QuestionSerializer(many=True, help_text="The questions put to stakeholders, in order.")
    council_opinions = CouncilOpinionSerializer(
        many=True,
        help_text="Independent opinions (ý kiến độc lập) of the Prime Minister's Advisory Council for "
        "administrative procedure reform on this consultation, published ones only, newest first.",
    )


def present_opinions(page: ConsultationPage) -> list[dict[str, Any]]:
    """The published Council opinions on the consultation (one query)."""
    return [
        {
            "id": opinion.pk,
            "title": opinion.title,
            "text": opinion.text,
            "given_on": opinion.given_on,
            "published_at": opinion.published_at,
            "signatories": opinion.signatory_list,
        }
        for opinion in CouncilOpinion.objects.published().about([page]).order_by("-given_on", "-pk")
    ]


class ReceiptSerializer(serializers.Serializer):
    receipt_number = serializers.CharField(help_text="Mã tiếp nhận, e.g. TV-2026-048213-7K3Q.")
    status = serializers.ChoiceField(choices=[CommentStatus.RECEIVED.value, CommentStatus.PENDING_MODERATION.value])


class PublicAnswerSerializer(serializers.Serializer):
    disposition = serializers.ChoiceField(
        choices=Disposition.values, help_text="tiep-thu, tiep-thu-mot-phan or giai-trinh (không tiếp thu)."
    )
    disposition_label = serializers.CharField()
    text = serializers.CharField(help_text="Plain text.")
    published_at = serializers.DateTimeField(allow_null=True)
    for_group = serializers.BooleanField(help_text="One answer for a group of near-identical comments.")


class CommentStatusSerializer(serializers.Serializer):
    receipt_number = serializers.CharField()
    consultation_id = serializers.IntegerField()
    article_id = serializers.IntegerField(allow_null=True, help_text="null: on the draft as a whole.")
    status = serializers.ChoiceField(choices=CommentStatus.values)
    received_at = serializers.DateTimeField(allow_null=True, help_text="null until the comment is confirmed.")
    answer = PublicAnswerSerializer(
        allow_null=True,
        help_text="The drafting agency's answer once approved and public (its own or its group's); null before.",
    )


def present_consultation(page: ConsultationPage, request: Request) -> dict[str, Any]:
    agency = page.lead_agency
    return {
        "id": page.pk,
        "title": page.title,
        "status": page.status_value,
        "opens_at": page.opens_at,
        "closes_at": page.closes_at,
        "agency": {"slug": agency.slug, "name": agency.name} if agency else None,
        "document_type": page.doc_type,
        "url": request.build_absolute_uri(url) if (url := page.get_url(request=request._request)) else "",
        "article_count": queries.article_count(page),
        "comment_count": page.counted_comments,
        **synthesis_urls(page, request),
    }


def synthesis_urls(page: ConsultationPage, request: Request) -> dict[str, str | None]:
    """The published synthesis' files (null before it is published)."""
    published = getattr(page, "has_synthesis", False)
    return {
        f"synthesis_{extension}_url": request.build_absolute_uri(file_url(page, extension)) if published else None
        for extension in ("docx", "xlsx", "csv")
    }
