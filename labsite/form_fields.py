"""Form fields shared by the public forms.

Choices by database id that refuse ids no database could hold: Django's ModelChoiceField
passes any whole number to the database, and SQLite raises OverflowError (a 500) for one
beyond 64 bits; these say "not one of the choices" instead.
"""

from django import forms

_MAX_ID = 2**63 - 1


def _fits(value) -> bool:
    try:
        number = int(str(value).strip())
    except ValueError:
        return True  # not a number at all: Django's own check says so
    return -_MAX_ID <= number <= _MAX_ID


class IdChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _fits(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        for item in value or ():
            if not _fits(item):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:40]},
                )
        return super().clean(value)
