from .applications import Application, ApplicationSettings, ApplicationStatus, FundingSituation
from .openings import OpeningIndexPage, OpeningPage, OpeningSupervisor
from .person import PeopleIndexPage, PersonInterestTag, PersonPage
from .snippets import ExternalPerson, FundingProgramme, Role
from .supervision import Supervision, SupervisionPage, SupervisionSupervisor

__all__ = [
    "Application",
    "ApplicationSettings",
    "ApplicationStatus",
    "FundingSituation",
    "ExternalPerson",
    "FundingProgramme",
    "OpeningIndexPage",
    "OpeningPage",
    "OpeningSupervisor",
    "PeopleIndexPage",
    "PersonInterestTag",
    "PersonPage",
    "Role",
    "Supervision",
    "SupervisionPage",
    "SupervisionSupervisor",
]
