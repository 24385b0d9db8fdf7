from .activities import (
    ActivityIndexPage,
    ActivityKind,
    ActivityPage,
    ActivityPerson,
    ActivityStatus,
    activity_queryset,
)
from .index import PublicationIndexPage
from .projects import ProjectIndexPage, ProjectMember, ProjectPage, ProjectStatus, project_queryset
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
from .reading import PaperRecommendation, ReadingListPage, SharedPaper, paper_queryset
from .settings import PublicationSettings
from .themes import ResearchIndexPage, ResearchThemePage, ThemeMember

__all__ = [
    "PaperRecommendation",
    "ReadingListPage",
    "SharedPaper",
    "paper_queryset",
    "ProjectIndexPage",
    "ProjectMember",
    "ProjectPage",
    "ProjectStatus",
    "project_queryset",
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
