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
from .activities import (
    ActivityIndexPage,
    ActivityKind,
    ActivityPage,
    ActivityPerson,
    ActivityStatus,
    activity_queryset,
)
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
    "ActivityIndexPage",
    "ActivityKind",
    "ActivityPage",
    "ActivityPerson",
    "ActivityStatus",
    "activity_queryset",
    "ResearchThemePage",
    "ThemeMember",
    "publication_queryset",
]
