from .answers import Answer, AnswerState, Disposition
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
from .council import CouncilIssue, CouncilNote, CouncilTag, Priority
from .follows import DigestState, Follow, FollowKind
from .groups import CommentGroup, GroupMembership
from .moderation import HideReason, ModerationAction, ModerationEvent
from .opinions import CouncilOpinion
from .rules import MinimumPeriodRule
from .synthesis import Synthesis
from .throttle import RateCounter
from .tree import ConsultationFolderPage, ConsultationIndexPage

__all__ = [
    "COUNTED_STATUSES",
    "SHOWN_STATUSES",
    "Answer",
    "AnswerState",
    "ApiKey",
    "AttachmentKind",
    "BusinessSize",
    "CommentGroup",
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
    "CouncilIssue",
    "CouncilNote",
    "CouncilOpinion",
    "CouncilTag",
    "DigestState",
    "Disposition",
    "Follow",
    "FollowKind",
    "GroupMembership",
    "HideReason",
    "MinimumPeriodRule",
    "Priority",
    "ModerationAction",
    "ModerationEvent",
    "RateCounter",
    "Sector",
    "Synthesis",
]
