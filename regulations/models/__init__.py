from .agencies import Agency, AgencyGroup, AgencyKind, AgencyRole, Field
from .business import BusinessRegulation, RegulationCategory, RegulationStatus
from .documents import DocumentType, LegalDocumentPage, LegalStatus
from .library import AgencyFolderPage, LegalDocumentIndexPage
from .procedures import AdministrativeProcedure, ProcedureDocument, ProcedureFee
from .relations import DocumentRelation, RelationKind
from .structure import Provision, ProvisionKind
from .versions import VERSION_PARAM, DocumentVersion, VersionKind

__all__ = [
    "Agency",
    "AgencyGroup",
    "AgencyKind",
    "AdministrativeProcedure",
    "AgencyRole",
    "AgencyFolderPage",
    "BusinessRegulation",
    "DocumentRelation",
    "DocumentVersion",
    "DocumentType",
    "Field",
    "LegalDocumentIndexPage",
    "LegalDocumentPage",
    "LegalStatus",
    "ProcedureDocument",
    "ProcedureFee",
    "Provision",
    "ProvisionKind",
    "RegulationCategory",
    "RegulationStatus",
    "RelationKind",
    "VERSION_PARAM",
    "VersionKind",
]
