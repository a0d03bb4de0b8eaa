from .api_keys import ApiKey
from .comments import (
    COUNTED_STATUSES,
    SHOWN_STATUSES,
    BusinessSize,
    CommenterType,
    CommentStatus,
    ConsultationComment,
    Sector,
)
from .consultation import (
    AttachmentKind,
    ConsultationAttachment,
    ConsultationPage,
    ConsultationQuestion,
    ConsultationStage,
    ConsultationStatus,
)
from .rules import MinimumPeriodRule
from .tree import ConsultationFolderPage, ConsultationIndexPage

__all__ = [
    "COUNTED_STATUSES",
    "SHOWN_STATUSES",
    "ApiKey",
    "AttachmentKind",
    "BusinessSize",
    "CommentStatus",
    "CommenterType",
    "ConsultationAttachment",
    "ConsultationComment",
    "ConsultationFolderPage",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationQuestion",
    "ConsultationStage",
    "ConsultationStatus",
    "MinimumPeriodRule",
    "Sector",
]
