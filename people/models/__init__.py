from people.applicant_data.models import ApplicationAccess
from people.applications.models import (
    Application,
    ApplicationSettings,
    ApplicationStatus,
    FundingSituation,
)
from people.cv.models import CVSectionChoice, StoredCV
from people.openings.models import OpeningIndexPage, OpeningPage, OpeningSupervisor
from people.profiles.models import PeopleIndexPage, PersonInterestTag, PersonPage
from people.profiles.snippets import ExternalPerson, FundingProgramme, Role
from people.supervision.models import Supervision, SupervisionPage, SupervisionSupervisor

__all__ = [
    "ApplicationAccess",
    "CVSectionChoice",
    "StoredCV",
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
