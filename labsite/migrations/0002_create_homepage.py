"""Replace Wagtail's placeholder welcome page with a labsite HomePage as the default site root."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("labsite.HomePage")

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    placeholder = Page.objects.filter(content_type=page_type, slug="home", depth=2).first()
    if placeholder is None or Page.objects.filter(depth=2).count() > 1:
        return  # Someone already built a tree: leave it alone.
    Site.objects.filter(root_page=placeholder).delete()
    placeholder.delete()

    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="labsite")
    locale = Locale.objects.order_by("pk").first()
    homepage = HomePage.objects.create(
        title="Home",
        draft_title="Home",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
    )
    root = Page.objects.get(depth=1)
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.create(hostname="localhost", port=80, root_page=homepage, is_default_site=True)


def remove_homepage(apps, schema_editor):
    HomePage = apps.get_model("labsite.HomePage")
    HomePage.objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("labsite", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
