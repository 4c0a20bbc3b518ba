"""The newsroom's roles and the photo library: every role finds library
photos to place (the admin's autocomplete) and may add one; only approvers
change or delete one, since that changes published articles at once."""

import pytest
from django.urls import reverse

from photos.models import Photo as LibraryPhoto
from tests.news.newsroom_helpers import approver, editor, reporter
from tests.photos.factories import LibraryPhotoFactory

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = {"app_label": "news", "model_name": "photo", "field_name": "photo"}


@pytest.mark.parametrize("role", [reporter, editor, approver])
def test_every_role_finds_library_photos_to_place(client, role):
    LibraryPhotoFactory(caption_vi="Lễ ra quân huấn luyện")
    client.force_login(role())
    response = client.get(
        reverse("admin:autocomplete"), {**AUTOCOMPLETE, "term": "ra quan"}
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == [
        "Lễ ra quân huấn luyện"
    ]
    assert client.get(reverse("admin:photos_photo_add")).status_code == 200


@pytest.mark.parametrize(
    ("role", "may_change"), [(reporter, False), (editor, False), (approver, True)]
)
def test_only_approvers_change_or_delete_a_library_photo(client, role, may_change):
    photo = LibraryPhotoFactory(caption_vi="Cũ")
    client.force_login(role())
    change = reverse("admin:photos_photo_change", args=[photo.pk])
    delete = reverse("admin:photos_photo_delete", args=[photo.pk])
    page = client.get(change).content.decode()
    assert ('name="caption_vi"' in page) is may_change
    assert (client.post(delete, {"post": "yes"}).status_code == 302) is may_change
    assert LibraryPhoto.objects.filter(pk=photo.pk).exists() is not may_change
