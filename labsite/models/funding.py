"""Grants: who pays for the work, acknowledged on project pages and in any body."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from labsite.groups.forms import GroupRecordForm

CURRENCIES = [
    ("GBP", "GBP (£)"),
    ("EUR", "EUR (€)"),
    ("USD", "USD ($)"),
    ("CHF", "CHF"),
    ("SEK", "SEK"),
    ("NOK", "NOK"),
    ("DKK", "DKK"),
    ("CAD", "CAD"),
    ("AUD", "AUD"),
    ("NZD", "NZD"),
    ("JPY", "JPY (¥)"),
    ("CNY", "CNY"),
    ("INR", "INR"),
]


class Grant(index.Indexed, models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    funder = models.CharField(
        max_length=200,
        help_text=_("Who funds it, e.g. 'Engineering and Physical Sciences Research Council'."),
    )
    scheme = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The funding scheme, e.g. 'New Investigator Award'."),
    )
    grant_number = models.CharField(
        max_length=100,
        blank=True,
        help_text=_(
            "As the funder writes it, e.g. 'EP/X012345/1'. Funders often ask for it in acknowledgements."
        ),
    )
    amount = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Optional: the award's value, without thousands separators."),
    )
    currency = models.CharField(
        max_length=3, choices=CURRENCIES, blank=True, help_text=_("The amount's currency.")
    )
    url = models.URLField(blank=True, help_text=_("The grant's page at the funder, if public."))

    panels = [
        FieldPanel("funder"),
        FieldRowPanel([FieldPanel("scheme"), FieldPanel("grant_number")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("amount"), FieldPanel("currency")])],
            heading=_("Value (optional)"),
        ),
        FieldPanel("url"),
        FieldPanel("site"),
    ]
    base_form_class = GroupRecordForm
    search_fields = [
        index.SearchField("funder"),
        index.SearchField("scheme"),
        index.SearchField("grant_number"),
        index.AutocompleteField("funder"),
    ]

    class Meta:
        ordering = ["funder", "scheme", "grant_number"]
        verbose_name = _("grant")

    def __str__(self):
        details = ", ".join(filter(None, [self.scheme, self.grant_number]))
        return f"{self.funder} ({details})" if details else self.funder

    def clean(self):
        super().clean()
        if self.amount is not None and not self.currency:
            raise ValidationError({"currency": _("Choose the currency of the amount.")})
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": _("The amount cannot be negative.")})

    @property
    def acknowledgement(self) -> str:
        """'Funder (Scheme, grant EP/X012345/1)': the form funders ask for."""
        details = ", ".join(
            filter(None, [self.scheme, f"grant {self.grant_number}" if self.grant_number else ""])
        )
        return f"{self.funder} ({details})" if details else self.funder
