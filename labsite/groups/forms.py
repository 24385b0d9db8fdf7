"""The form of records that belong to a group: its ``site`` field offers the editor's groups."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Site

from labsite.groups import scoping

SITE_HELP = _(
    "The research group this belongs to. Leave empty to share it with every group on this "
    "website (only the website's administrators can do that)."
)


class GroupRecordForm(WagtailAdminModelForm):
    """The ``site`` field offers only the editor's own groups; with one, it is chosen for them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("site")
        user = self.for_user
        if field is None or user is None:
            return
        field.help_text = SITE_HELP
        field.queryset = scoping.site_choices(user)
        field.label_from_instance = lambda site: site.site_name or site.hostname
        sites = scoping.sites_of(user)
        if sites is None:
            field.empty_label = _("Shared by every group")
            if not self.instance.pk and not self.is_bound:
                # A new record belongs to a group unless the administrator shares it: the
                # default site's group (the one the admin is usually working on).
                default = Site.objects.filter(is_default_site=True).first()
                if default is not None and not self.instance.site_id:
                    self.initial["site"] = default.pk
            return
        field.required = True
        field.empty_label = None
        if len(sites) == 1:
            (only,) = sites
            if not self.instance.site_id:
                self.initial["site"] = only
            field.widget = forms.HiddenInput()
            # Whatever is posted, a one-group editor's records are their group's.
            field.disabled = True

    def clean_site(self):
        site = self.cleaned_data.get("site")
        sites = scoping.sites_of(self.for_user) if self.for_user is not None else None
        if sites is not None and (site is None or site.pk not in sites):
            raise forms.ValidationError(_("Choose one of your own research groups."))
        return site
