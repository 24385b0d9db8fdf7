# Gives every existing role its locale (the site's default language) and translation key, so
# roles can be translated (Wagtail's documented way to make an existing model translatable).
from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0015_role_translations_fields"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [BootstrapTranslatableModel("people.Role")]
