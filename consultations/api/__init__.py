"""The consultation API (/api/v1/consultations, /api/v1/comments): see docs/consultations.md."""
