"""A file that passed its checks is kept when the form is refused for
another reason (core.uploads), in the article and decision admin."""

import re

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile

from core.uploads import SALT, upload_keep, upload_restore

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="(photos-0-image__kept)" value="([^"]+)"')


def test_a_kept_file_comes_back_and_a_forged_token_does_not():
    token = upload_keep(SimpleUploadedFile("anh.jpg", b"abc", "image/jpeg"))
    restored = upload_restore(token)
    assert restored.read() == b"abc" and restored.name == "anh.jpg"
    assert upload_restore("nonsense") is None
    assert upload_restore("") is None
    forged = signing.dumps({"path": "../../etc/passwd"}, salt=SALT)
    assert upload_restore(forged) is None
    outside = signing.dumps({"path": "news/photo.jpg"}, salt=SALT)
    assert upload_restore(outside) is None


# An article's photo kept on a refused form goes to the photo library (tests/photos/
# test_admin.py); a decision's scan uses the token (tests/awards).


def test_a_decisions_valid_scan_is_kept_when_the_decision_is_refused(staff_client):
    from django.urls import reverse

    from awards.models import Decision
    from tests.awards.test_admin import decision_form

    url = reverse("admin:awards_decision_add")
    scan = SimpleUploadedFile(
        "quyết định.pdf", b"%PDF-1.4\n%scan\n%%EOF\n", "application/pdf"
    )
    refused = staff_client.post(url, decision_form(number="", scan=scan))
    assert refused.status_code == 200
    html = refused.content.decode()
    found = re.search(r'name="(scan__kept)" value="([^"]+)"', html)
    assert found, "the valid scan is offered again"
    assert Decision.objects.count() == 0
    again = decision_form()
    again[found.group(1)] = found.group(2)
    saved = staff_client.post(url, again)
    assert saved.status_code == 302
    with Decision.objects.get().scan.open("rb") as scan_file:
        assert scan_file.read().startswith(b"%PDF-1.4")
