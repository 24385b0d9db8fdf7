"""The research app's models, defined in its feature packages and gathered here for Django.

Each feature keeps its own models: publications (research.publications), the engagement
record (research.engagement), projects (research.projects), the paper feed
(research.paperfeed) and research themes (research.themes).
"""

from research.engagement.models import (
    ActivityKind,
    ActivityPage,
    ActivityPerson,
    ActivityStatus,
    EngagementIndexPage,
    activity_queryset,
)
from research.expertise.models import ExpertiseFinderPage
from research.impact.models import CitationCount, CitationSource
from research.incoming.models import IncomingSource, IncomingStatus, IncomingWork, ZoteroLibrary
from research.moving_in.models import SiteImportRun
from research.paperfeed.models import (
    FeedPaper,
    PaperFeedPage,
    PaperRecommendation,
    PaperSource,
    PaperStatus,
    PaperVote,
    SourceRun,
    paper_queryset,
)
from research.projects.models import (
    ProjectIndexPage,
    ProjectMember,
    ProjectPage,
    ProjectStatus,
    project_queryset,
)
from research.publications.index_page import PublicationIndexPage
from research.publications.models import (
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
from research.publications.site_settings import PublicationSettings
from research.teaching.models import (
    CourseLevel,
    CourseMaterial,
    CoursePage,
    CourseTeacher,
    TeachingIndexPage,
)
from research.themes.models import ResearchIndexPage, ResearchThemePage, ThemeMember

__all__ = [
    "CourseLevel",
    "CourseMaterial",
    "CoursePage",
    "CourseTeacher",
    "TeachingIndexPage",
    "ExpertiseFinderPage",
    "CitationCount",
    "CitationSource",
    "SiteImportRun",
    "IncomingSource",
    "IncomingStatus",
    "IncomingWork",
    "ZoteroLibrary",
    "PaperRecommendation",
    "PaperFeedPage",
    "FeedPaper",
    "PaperSource",
    "PaperStatus",
    "PaperVote",
    "SourceRun",
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
    "EngagementIndexPage",
    "ActivityKind",
    "ActivityPage",
    "ActivityPerson",
    "ActivityStatus",
    "activity_queryset",
    "ResearchThemePage",
    "ThemeMember",
    "publication_queryset",
]
