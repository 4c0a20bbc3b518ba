import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.images import validate_image_file
from core.text import clean_text

from .models import Question, Topic

PDF_MAGIC = b"%PDF-"
PHONE = re.compile(r"^\+?[0-9 .()-]{8,20}$")
# A control character in a text field is never typed by a person.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_attachment(file) -> str:
    """The attachment's kind ("pdf" or "image"), judged by its bytes; a
    ValidationError with a Vietnamese message otherwise."""
    limit = settings.QUESTIONS_ATTACHMENT_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("The attachment is %(size)s; the largest accepted is %(limit)s."),
            code="attachment_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    if file.size == 0:
        raise ValidationError(_("The attachment is empty."), code="attachment_empty")
    file.seek(0)
    head = file.read(1024)
    file.seek(0)
    if head.startswith(PDF_MAGIC):
        return Question.AttachmentKind.PDF
    try:
        validate_image_file(file)
    except ValidationError as exc:
        if exc.code == "image_invalid":
            raise ValidationError(
                _("The attachment must be a PDF file or a JPEG, PNG or WebP photo."),
                code="attachment_type",
            ) from exc
        raise
    return Question.AttachmentKind.IMAGE


def no_control_characters(value):
    if CONTROL.search(value or ""):
        raise ValidationError(
            _("The text contains invisible control characters; please retype it."),
            code="control",
        )


class QuestionForm(forms.Form):
    name = forms.CharField(
        label=_("Full name"), max_length=120, validators=[no_control_characters]
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        help_text=_("A phone number or an email address (or both), to reach you."),
    )
    email = forms.EmailField(label=_("Email"), max_length=254, required=False)
    address = forms.CharField(
        label=_("Address (optional)"),
        max_length=255,
        required=False,
        validators=[no_control_characters],
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.all(), empty_label=_("Choose a topic")
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        min_length=5,
        validators=[no_control_characters],
    )
    content = forms.CharField(
        label=_("Your question or feedback"),
        min_length=20,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[no_control_characters],
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_(
            "One photo (JPEG, PNG, WebP) or PDF file. If the form is returned with "
            "an error, choose the file again: browsers do not keep it."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the People's Committee processes my personal data to "
            "answer this question (Decree 13/2023/ND-CP)."
        ),
        error_messages={
            "required": _("Please agree to the processing of your personal data.")
        },
    )
    # A field people do not see (hidden by CSS, out of the tab order): bots fill it.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].error_messages["invalid_choice"] = _(
            "Please choose a topic from the list."
        )
        self.fields["website"].widget.attrs.update(
            {"tabindex": "-1", "autocomplete": "off"}
        )
        self.fields["phone"].widget.attrs.update(
            {"autocomplete": "tel", "inputmode": "tel"}
        )
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})
        self.fields["address"].widget.attrs.update({"autocomplete": "street-address"})
        self.fields["attachment"].widget.attrs.update(
            {"accept": ".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/*"}
        )
        self.attachment_kind = ""

    def clean_phone(self):
        phone = clean_text(self.cleaned_data["phone"])
        if phone and not PHONE.match(phone):
            raise ValidationError(
                _("Please write the phone number with digits only, e.g. 0912 345 678."),
                code="phone",
            )
        return phone

    def clean_attachment(self):
        file = self.cleaned_data.get("attachment")
        if file:
            self.attachment_kind = check_attachment(file)
        return file

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(
                _(
                    "The form could not be accepted: a field meant to stay empty "
                    "was filled in. Please try again."
                ),
                code="honeypot",
            )
        if (
            not cleaned.get("phone")
            and not cleaned.get("email")
            and "phone" not in self.errors
            and "email" not in self.errors
        ):
            raise ValidationError(
                _(
                    "Please give a phone number or an email address so we can reach you."
                ),
                code="no_contact",
            )
        return cleaned


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        # Longer than any code: a long guess gets the same "no question"
        # answer as a short one, not a different message.
        max_length=200,
        help_text=_("As given when you sent the question, e.g. HL-7K2M-Q9TX-4RWA."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        )


class QuestionFilter(forms.Form):
    q = forms.CharField(label=_("Search questions"), max_length=100, required=False)
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        required=False,
        empty_label=_("All topics"),
        to_field_name="slug",
    )
