from .business import BusinessRegulation, RegulationCategory, RegulationStatus
from .documents import (
    AgencyFolderPage,
    DocumentType,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalStatus,
)
from .relations import DocumentRelation, RelationKind
from .structure import Provision, ProvisionKind

__all__ = [
    "AgencyFolderPage",
    "BusinessRegulation",
    "DocumentRelation",
    "DocumentType",
    "LegalDocumentIndexPage",
    "LegalDocumentPage",
    "LegalStatus",
    "Provision",
    "ProvisionKind",
    "RegulationCategory",
    "RegulationStatus",
    "RelationKind",
]
