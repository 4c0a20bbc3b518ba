from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.images import PhotoFormField
from photos.models import Photo as LibraryPhoto

from .models import Photo


class RatingForm(forms.Form):
    stars = forms.TypedChoiceField(
        label=_("Stars"),
        choices=[(n, n) for n in range(1, 6)],
        coerce=int,
        error_messages={
            "required": _("Choose from 1 to 5 stars."),
            "invalid_choice": _("Choose from 1 to 5 stars."),
        },
    )


class ArticlePhotoForm(forms.ModelForm):
    """A photo of an article: a photo chosen from the library, or a new upload
    with its texts, which is added to the library when the form is valid
    (so the upload is kept even if the rest of the article needs fixing)."""

    image = PhotoFormField(
        label=_("new photo"),
        required=False,
        help_text=_(
            "JPEG, PNG or WebP. It is added to the photo library, without its "
            "location data, and can be reused in other articles."
        ),
    )
    caption_vi = forms.CharField(
        label=_("caption (Vietnamese)"), max_length=500, required=False
    )
    caption_en = forms.CharField(
        label=_("caption (English)"), max_length=500, required=False
    )
    alt_text_vi = forms.CharField(
        label=_("alternative text (Vietnamese)"),
        max_length=300,
        required=False,
        help_text=_(
            "What the photo shows, for readers who cannot see it. Required unless decorative."
        ),
    )
    alt_text_en = forms.CharField(
        label=_("alternative text (English)"), max_length=300, required=False
    )
    is_decorative = forms.BooleanField(label=_("decorative"), required=False)
    credit_vi = forms.CharField(
        label=_("photographer / credit"), max_length=160, required=False
    )

    NEW_PHOTO_FIELDS = (
        "caption_vi",
        "caption_en",
        "alt_text_vi",
        "alt_text_en",
        "is_decorative",
        "credit_vi",
    )

    class Meta:
        model = Photo
        fields = ("photo", "caption_override", "after_paragraph", "order")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].required = False

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("image")
        if upload and cleaned_data.get("photo"):
            raise forms.ValidationError(
                _("Choose a photo from the library or upload a new one, not both.")
            )
        if upload and not self.errors:
            cleaned_data["photo"] = self._add_to_library(upload, cleaned_data)
        elif not cleaned_data.get("photo") and not self.errors:
            self.add_error(
                "photo", _("Choose a photo from the library or upload a new one.")
            )
        return cleaned_data

    def _add_to_library(self, upload, cleaned_data):
        photo = LibraryPhoto(
            image=upload,
            **{name: cleaned_data.get(name) for name in self.NEW_PHOTO_FIELDS},
        )
        try:
            photo.full_clean(exclude=["album"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                target = field if field in self.fields else None
                for message in messages:
                    self.add_error(target, message)
            return None
        photo.save()
        # Shown again as chosen if the page comes back with another error.
        self.data = self.data.copy()
        self.data[self.add_prefix("photo")] = str(photo.pk)
        self.data.pop(self.add_prefix("image"), None)
        return photo
