import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from awards.models import Award, Decision, Recipient, validate_pdf
from awards.services import recipients_merge
from core.text import name_key, search_key
from tests.awards.factories import AwardFactory, DecisionFactory, form, town

pytestmark = pytest.mark.django_db


def test_keys_fold_case_spacing_nfc_and_diacritics():
    nfd = "Nguye\u0302\u0303n Va\u0306n A"
    assert search_key(nfd) == search_key("  NGUYỄN   Văn a ") == "nguyen van a"
    assert search_key("Đặng Đức") == "dang duc"
    assert name_key("ubnd  THỊ XÃ hồng lĩnh") == name_key("UBND thị xã Hồng Lĩnh")


def test_seeded_issuers_forms_and_levels():
    assert town().level.code == "huyen"
    assert form("bang-khen").allowed_levels.filter(code="tinh").exists()
    assert not form("bang-khen").allowed_levels.filter(code="huyen").exists()
    assert form("huan-chuong-lao-dong").has_classes


def test_same_person_across_decisions_is_one_recipient():
    """Written with other case, diacritics composition or spacing, the same
    name and unit are the same recipient."""
    first = AwardFactory(name="Nguyễn Văn A", unit="Phường Bắc Hồng")
    second = AwardFactory(
        name="nguye\u0302\u0303n  văn a",
        unit="phường bắc hồng",
        decision=DecisionFactory(),
    )
    assert first.recipient == second.recipient
    assert second.name == "nguyễn văn a"  # stored NFC
    other_unit = AwardFactory(name="Nguyễn Văn A", unit="Phường Nam Hồng")
    assert other_unit.recipient != first.recipient


def test_decision_year_defaults_to_its_date_and_number_is_unique_per_issuer_date():
    decision = DecisionFactory(number="163/QĐ-UBND")
    assert decision.year == 2019
    assert decision.number_key == "163/qd-ubnd"
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionFactory(number="163/qđ-ubnd")


def test_period_must_be_in_order():
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionFactory(period_start=2019, period_end=2009)


def test_only_a_revoked_decision_names_its_revoker():
    revoker = DecisionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionFactory(revoked_by=revoker, status=Decision.Status.ISSUED)
    DecisionFactory(revoked_by=revoker, status=Decision.Status.REVOKED)


def test_public_is_issued_only():
    issued = DecisionFactory()
    DecisionFactory(status=Decision.Status.DRAFT)
    DecisionFactory(status=Decision.Status.REVOKED)
    assert list(Decision.objects.public()) == [issued]


def test_class_only_for_forms_with_classes():
    award = AwardFactory.build(decision=DecisionFactory(), award_class="3")
    with pytest.raises(ValidationError) as info:
        award.clean()
    assert "award_class" in info.value.message_dict


def test_scan_must_be_a_pdf():
    validate_pdf(SimpleUploadedFile("qd.pdf", b"%PDF-1.7\n..."))
    with pytest.raises(ValidationError) as info:
        validate_pdf(SimpleUploadedFile("qd.pdf", b"MZ\x90 not a pdf"))
    assert info.value.code == "not_pdf"


def test_merge_moves_awards_and_remembers_the_name():
    a = AwardFactory(name="Nguyễn Văn A", unit="Phường Bắc Hồng")
    b = AwardFactory(name="Nguyễn Văn A", unit="Ban CHQS phường Bắc Hồng")
    assert a.recipient != b.recipient
    assert recipients_merge(target=a.recipient, others=[b.recipient]) == 1
    assert Recipient.objects.count() == 1
    assert a.recipient.awards.count() == 2
    b.refresh_from_db()
    b.position = "Phó Chỉ huy trưởng"
    b.save()  # a later edit keeps the merge
    assert b.recipient == a.recipient
    later = AwardFactory(name="Nguyen Van A", unit="Ban CHQS phuong Bac Hong")
    assert later.recipient == a.recipient


def test_merge_drops_a_row_that_repeats_one_of_the_target():
    decision = DecisionFactory()
    a = AwardFactory(decision=decision, name="Lê Thị B", unit="Phòng Nội vụ")
    AwardFactory(decision=decision, name="Lê Thị B", unit="Phong Noi vu, UBND")
    others = Recipient.objects.exclude(pk=a.recipient_id)
    recipients_merge(target=a.recipient, others=list(others))
    assert Award.objects.filter(decision=decision).count() == 1
