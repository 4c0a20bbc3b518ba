import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.text import clean_text, nfc

from .models import Comment, Status

PHONE_RE = re.compile(r"^\+?[0-9 .()-]{8,20}$")


class DocumentFilter(forms.Form):
    """Filters of the document list. A bad value is dropped, never an error
    page: the list shows as if that filter were not set."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    type = forms.ChoiceField(label=_("Document type"), required=False)
    issuer = forms.ChoiceField(label=_("Issuing body"), required=False)
    field = forms.ChoiceField(label=pgettext_lazy("document", "Field"), required=False)
    year = forms.IntegerField(
        label=_("Year"), min_value=1945, max_value=2200, required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + Status.choices, required=False
    )

    def __init__(self, *args, types, issuers, fields, **kwargs):
        super().__init__(*args, **kwargs)
        self.types = {item.slug: item for item in types}
        self.issuers = {str(item.pk): item for item in issuers}
        self.fields_by_slug = {item.slug: item for item in fields}
        all_ = [("", _("All"))]
        self.fields["type"].choices = all_ + [(t.slug, t.name) for t in types]
        self.fields["issuer"].choices = all_ + [(str(u.pk), u.name) for u in issuers]
        self.fields["field"].choices = all_ + [(f.slug, f.name) for f in fields]

    def filters(self):
        self.is_valid()
        data = getattr(self, "cleaned_data", {})  # unbound: no filter
        return {
            "q": clean_text(data.get("q") or ""),
            "type": self.types.get(data.get("type") or ""),
            "issuer": self.issuers.get(data.get("issuer") or ""),
            "field": self.fields_by_slug.get(data.get("field") or ""),
            "year": data.get("year"),
            "status": data.get("status") or "",
        }


class CommentForm(forms.ModelForm):
    """A citizen's comment on a draft: no account, a name, a way to reply,
    the comment and consent to the processing of personal data (Nghị định
    13/2023/NĐ-CP). ``website`` is a honeypot: hidden from people, filled by
    robots."""

    consent = forms.BooleanField(
        label=_(
            "I agree that the drafting body processes my name and contact details "
            "to consider my comment and, if needed, reply to me (Decree "
            "13/2023/NĐ-CP). They are never published."
        ),
        error_messages={
            "required": _(
                "Please tick the consent box: without it we cannot record your comment."
            )
        },
    )
    website = forms.CharField(
        label=_("Leave this field empty"), required=False, max_length=200
    )

    class Meta:
        model = Comment
        fields = ("name", "email", "phone", "body")
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8, "maxlength": 5000}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }
        error_messages = {
            "name": {
                "required": _("Please enter your name."),
                "max_length": _(
                    "The name is too long: at most %(limit_value)d characters."
                ),
            },
            "email": {"invalid": _("This email address does not look right.")},
            "body": {
                "required": _("Please write your comment."),
                "max_length": _(
                    "The comment is too long: at most %(limit_value)d "
                    "characters (it has %(show_value)d)."
                ),
            },
        }

    def clean_phone(self):
        phone = clean_text(self.cleaned_data.get("phone") or "")
        if phone and not PHONE_RE.match(phone):
            raise ValidationError(
                _(
                    "This phone number does not look right: digits only, e.g. "
                    "0239 3836 123."
                )
            )
        return phone

    def clean_body(self):
        body = nfc(self.cleaned_data.get("body") or "").strip()
        if len(body) < 10:
            raise ValidationError(
                _("The comment is too short: please write at least a sentence.")
            )
        return body

    def clean(self):
        data = super().clean()
        if (
            not data.get("email")
            and not data.get("phone")
            and not (self.has_error("email") or self.has_error("phone"))
        ):
            raise ValidationError(
                _(
                    "Please give an email address or a phone number, so the "
                    "drafting body can reach you if needed."
                )
            )
        return data

    @property
    def is_robot(self):
        return bool(self.data.get("website"))
