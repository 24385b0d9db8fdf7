"""Create the 'Site editors' and 'Members' groups and the approval workflow they share.

Site editors may edit and publish everything; members edit their own profile and draft news,
and every member change goes through the 'Review by site editors' workflow on the root page.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SITE_EDITORS = "Site editors"
MEMBERS = "Members"
WORKFLOW = "Review by site editors"
TASK = "Site editor approval"

EDITOR_MODEL_PERMISSIONS = {
    "people": ["role", "externalperson", "fundingprogramme", "supervision"],
}
PAGE_ACTIONS_EDITORS = ["add", "change", "publish", "lock", "unlock", "bulk_delete"]


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    editors, _ = Group.objects.get_or_create(name=SITE_EDITORS)
    members, _ = Group.objects.get_or_create(name=MEMBERS)
    access_admin = _permission(apps, "wagtailadmin", "access_admin")
    editors.permissions.add(access_admin)
    members.permissions.add(access_admin)

    for app_label, models in EDITOR_MODEL_PERMISSIONS.items():
        for model in models:
            for action in ("add", "change", "delete"):
                editors.permissions.add(_permission(apps, app_label, f"{action}_{model}"))
    editors.permissions.add(_permission(apps, "people", "link_member_account"))
    editors.permissions.add(_permission(apps, "labsite", "change_sitesettings"))

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for action in PAGE_ACTIONS_EDITORS:
        GroupPagePermission.objects.get_or_create(
            group=editors, page=root_page, permission=_permission(apps, "wagtailcore", f"{action}_page")
        )
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for action in ("add", "change", "choose", "delete"):
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=root_collection, permission=_permission(apps, app_label, f"{action}_{model}")
            )
        for action in ("add", "choose"):
            GroupCollectionPermission.objects.get_or_create(
                group=members, collection=root_collection, permission=_permission(apps, app_label, f"{action}_{model}")
            )

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.add(editors)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Group.objects.filter(name__in=[SITE_EDITORS, MEMBERS]).delete()
    Workflow.objects.filter(name=WORKFLOW).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("labsite", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
