from .index import PublicationIndexPage
from .publications import (
    UNPUBLISHED_STATUSES,
    LinkKind,
    PublicationAuthor,
    PublicationAward,
    PublicationLink,
    PublicationPage,
    PublicationRelation,
    PublicationStatus,
    PublicationTag,
    PublicationType,
    RelationKind,
    publication_queryset,
)
from .settings import PublicationSettings
from .themes import ResearchIndexPage, ResearchThemePage, ThemeMember

__all__ = [
    "UNPUBLISHED_STATUSES",
    "LinkKind",
    "PublicationAuthor",
    "PublicationAward",
    "PublicationIndexPage",
    "PublicationLink",
    "PublicationPage",
    "PublicationRelation",
    "PublicationSettings",
    "PublicationStatus",
    "PublicationTag",
    "PublicationType",
    "RelationKind",
    "ResearchIndexPage",
    "ResearchThemePage",
    "ThemeMember",
    "publication_queryset",
]
