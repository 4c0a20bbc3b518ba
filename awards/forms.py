from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RecipientKind


class HonourRollFilter(forms.Form):
    """Filters of the honour roll. A bad value is dropped, never an error page."""

    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    year = forms.IntegerField(
        label=_("Year"), min_value=1945, max_value=2200, required=False
    )
    form = forms.ChoiceField(label=_("Form or title"), required=False)
    kind = forms.ChoiceField(
        label=_("Recipients"),
        choices=[("", _("All"))] + RecipientKind.choices,
        required=False,
    )

    def __init__(self, *args, award_forms, **kwargs):
        super().__init__(*args, **kwargs)
        self.award_forms = {award_form.slug: award_form for award_form in award_forms}
        self.fields["form"].choices = [("", _("All"))] + [
            (award_form.slug, award_form.name) for award_form in award_forms
        ]

    def filters(self):
        """The valid filters only (cleaned_data keeps the fields that passed)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "q": (data.get("q") or "").strip(),
            "year": data.get("year"),
            "form": self.award_forms.get(data.get("form") or ""),
            "kind": data.get("kind") or "",
        }
