import datetime

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People"
    default_auto_field = "django.db.models.BigAutoField"
    # Mounted by labsite.urls before Wagtail's page routes.
    public_urls = [("apply/", "people.applications.urls"), ("cv/", "people.cv.urls")]

    def ready(self):
        # Imported in ready(): models and the registries they fill load only once the app
        # registry is ready (Django's documented hook for this).
        from labsite import scheduling
        from labsite.groups import scoping, skeleton
        from people.applicant_data.privacy import register_applications_part
        from people.profiles.member_permissions import member_sites

        register_applications_part()
        from people.members import institution_accounts

        institution_accounts.register()

        scoping.extra_sites.register(member_sites)
        skeleton.grant_editors(
            *skeleton.crud("people", "role"),
            *skeleton.crud("people", "externalperson"),
            *skeleton.crud("people", "fundingprogramme"),
            *skeleton.crud("people", "supervision"),
            "people.publish_supervision",
            "people.view_application",
            "people.change_application",
            "people.view_all_applications",
        )

        skeleton.register(skeleton.IndexPageSpec("people.PeopleIndexPage", "People", "people", 20))
        skeleton.register(
            skeleton.IndexPageSpec("people.OpeningIndexPage", "Openings", "openings", 60)
        )
        from labsite.api import registry as api
        from people.openings.api import OpeningsAPI
        from people.profiles.api import PeopleAPI

        api.register(
            api.Endpoint(
                "people/",
                PeopleAPI.as_view(),
                "people",
                "people, public fields only; filters role, current, q",
                parameters=("role", "current", "q", "offset", "limit"),
            )
        )
        api.register(
            api.Endpoint(
                "openings/",
                OpeningsAPI.as_view(),
                "openings",
                "openings; state open (default), closed or all",
                parameters=("state", "offset", "limit"),
            )
        )
        from labsite.models import NewsIndexPage
        from labsite.pagecache import invalidation
        from people.cv import sections as cv_sections
        from people.cv import signals as cv_signals
        from people.members import drafting
        from people.openings import digests as opening_digests
        from people.openings import sections  # noqa: F401  (registers home-page sections)
        from people.profiles import career, chooser_start, credit_signals
        from people.supervision import profile_sections  # noqa: F401  (registers person-page sections)

        credit_signals.connect()
        chooser_start.register()
        career.register_sections()
        cv_sections.register_sections()
        cv_signals.connect()
        # A stored CV is what a visitor downloads, not a page: its changes purge nothing.
        invalidation.private_models.register("people.StoredCV")
        opening_digests.register()
        invalidation.private_models.register("people.Application")
        # Who opened an application: the admin's business, no public page's.
        invalidation.private_models.register("people.ApplicationAccess")
        scheduling.register(
            scheduling.command_job(
                "purge_applications", datetime.timedelta(days=1), "purge_applications",
                description="delete applications older than the retention period",
            )
        )  # fmt: skip
        scheduling.register(
            scheduling.command_job(
                "drain_application_spool", datetime.timedelta(minutes=1),
                "drain_application_spool",
                description="import applications kept on disk while the database was down",
            )
        )  # fmt: skip
        drafting.register(NewsIndexPage)
