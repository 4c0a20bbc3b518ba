import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from awards.models import Award, Decision, Recipient
from awards.services import (
    HEADERS,
    AwardsImportError,
    awards_export_csv,
    awards_export_xlsx,
    awards_import,
)
from tests.awards.factories import AwardFactory, DecisionFactory, row, xlsx

pytestmark = pytest.mark.django_db


def error_codes(file):
    with pytest.raises(AwardsImportError) as info:
        awards_import(file=file)
    return info.value.codes


GOOD = [
    row(1, kind="Tập thể", name="Ban CHQS phường Bắc Hồng", position="", unit=""),
    row(2, kind="Tập thể", name="Công an phường Nam Hồng", position="", unit=""),
    row(3, name="Trần Văn Hải"),
    row(
        4,
        name="Lê Thị Thu Hà",
        position="Phó Trưởng phòng",
        unit="Phòng Tài chính - Kế hoạch",
    ),
]


def test_a_good_file_imports_issued_decisions():
    report = awards_import(file=xlsx(GOOD))
    assert (report.decisions_created, report.awards_created) == (1, 4)
    decision = Decision.objects.get()
    assert decision.status == Decision.Status.ISSUED
    assert decision.number == "163/QĐ-UBND"
    assert decision.date == datetime.date(2019, 12, 5)
    assert decision.achievement_vi == "Đã có thành tích xuất sắc"
    assert decision.awards.filter(kind="collective").count() == 2
    assert list(decision.awards.values_list("order", flat=True)) == [1, 2, 3, 4]


def test_draft_option_and_reimport_adds_nothing():
    awards_import(file=xlsx(GOOD), draft=True)
    report = awards_import(file=xlsx(GOOD))
    assert (report.decisions_created, report.awards_created) == (0, 0)
    assert report.awards_existing == 4
    assert Decision.objects.get().status == Decision.Status.DRAFT
    assert Award.objects.count() == 4
    assert Recipient.objects.count() == 4


def test_excel_date_cells_nfd_text_and_loose_names_are_accepted():
    nfd_name = "Nguye\u0302\u0303n Va\u0306n A"
    report = awards_import(
        file=xlsx(
            [
                row(
                    date=datetime.datetime(2019, 12, 5),
                    issuer="  ubnd THỊ XÃ   hồng lĩnh ",
                    award="giấy KHEN",
                    kind="cá nhân",
                    name=nfd_name,
                ),
                row(2, issuer="Ủy ban nhân dân thị xã Hồng Lĩnh", name="Người Khác"),
            ]
        )
    )
    assert report.decisions_created == 1
    assert Award.objects.filter(name="Nguyễn Văn A").exists()


def test_a_form_with_a_class():
    awards_import(
        file=xlsx(
            [row(issuer="UBND tỉnh Hà Tĩnh", award="Huân chương Lao động hạng Ba")]
        )
    )
    award = Award.objects.get()
    assert (award.form.slug, award.award_class) == ("huan-chuong-lao-dong", "3")


def test_bad_rows_import_nothing_and_are_all_reported():
    rows = [
        row(1),
        row(2, date="31/02/2019"),
        row(3, issuer="UBND huyện Không Có"),
        row(4, award="Bằng khen vàng"),
        row(5, kind="Đơn vị"),
        row(6, name=""),
        row(7, number=""),
        row(8, kind="Tập thể", position="Trưởng ban"),
        row(1),  # same as the first row
        row("x", name="Nguyễn Văn X"),
        row(11, award="Huân chương Lao động", name="Nguyễn Văn Y"),
    ]
    codes = error_codes(xlsx(rows))
    assert codes == [
        (3, "bad_date"),
        (4, "unknown_issuer"),
        (5, "unknown_form"),
        (6, "bad_kind"),
        (7, "name_missing"),
        (8, "number_missing"),
        (9, "position_not_individual"),
        (10, "duplicate_row"),
        (11, "bad_order"),
        (12, "class_missing"),
    ]
    assert Decision.objects.count() == Award.objects.count() == 0


def test_error_messages_name_the_row_in_english_msgids():
    with translation.override("en"):
        with pytest.raises(AwardsImportError) as info:
            awards_import(file=xlsx([row(1), row(2, date="31/02/2019")]))
        assert str(info.value.errors[0]) == (
            "Row 3: “31/02/2019” is not a date in the form dd/mm/yyyy."
        )


def test_error_messages_in_vietnamese(vi_catalog):
    """Needs the awards msgids merged into the Vietnamese catalog."""
    with pytest.raises(AwardsImportError) as info:
        awards_import(file=xlsx([row(1, issuer="UBND huyện Không Có")]))
    assert str(info.value.errors[0]).startswith("Dòng 2:")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"STT,So quyet dinh\n1,163\n", "not_xlsx"),
        (b"PK\x03\x04 broken zip", "not_xlsx"),
    ],
)
def test_garbage_files_give_a_clear_error(content, code):
    assert error_codes(io.BytesIO(content)) == [(None, code)]


def test_a_zip_that_is_not_a_workbook():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    buffer.seek(0)
    assert error_codes(buffer) == [(None, "not_xlsx")]


def test_wrong_headers_and_no_rows():
    assert error_codes(xlsx([row()], headers=["Họ tên", "Đơn vị"])) == [
        (1, "wrong_headers")
    ]
    assert error_codes(xlsx([], headers=None)) == [(1, "wrong_headers")]
    assert error_codes(xlsx([])) == [(None, "no_rows")]


def test_a_huge_file_is_refused(monkeypatch):
    monkeypatch.setattr("awards.services.MAX_FILE_BYTES", 100)
    assert error_codes(xlsx(GOOD)) == [(None, "too_large")]


def test_too_many_rows(monkeypatch):
    monkeypatch.setattr("awards.services.MAX_ROWS", 2)
    assert error_codes(xlsx(GOOD)) == [(None, "too_many_rows")]


def test_a_form_outside_the_issuers_power_is_a_warning():
    report = awards_import(file=xlsx([row(award="Bằng khen")]))
    assert [(w.row, w.code) for w in report.warnings] == [(2, "form_outside_power")]
    assert report.awards_created == 1


def test_export_then_import_round_trip():
    decision = DecisionFactory(
        number="1234/QĐ-UBND", period_start=2009, period_end=2019
    )
    AwardFactory(
        decision=decision, kind="collective", name="Phòng Nội vụ", position="", unit=""
    )
    AwardFactory(
        decision=decision, name="Trần Thị Bé", achievement_vi="Riêng của dòng này"
    )
    from awards.models import AwardForm

    AwardFactory(
        decision=decision,
        name="Phan Văn C",
        form=AwardForm.objects.get(slug="huan-chuong-lao-dong"),
        award_class="2",
    )
    data = awards_export_xlsx(awards=Award.objects.all())
    before = sorted(
        Award.objects.values_list("name", "form_id", "award_class", "achievement_vi")
    )
    Award.objects.all().delete()
    Decision.objects.all().delete()
    report = awards_import(file=io.BytesIO(data))
    assert (report.decisions_created, report.awards_created) == (1, 3)
    after = sorted(
        Award.objects.values_list("name", "form_id", "award_class", "achievement_vi")
    )
    assert after == before
    # and once more: nothing new
    assert awards_import(file=io.BytesIO(data)).awards_created == 0


def test_csv_export_has_a_bom_and_the_headers():
    AwardFactory(name="Nguyễn Thị Hoa")
    text = awards_export_csv(awards=Award.objects.all())
    assert text.startswith("\ufeff" + ",".join(HEADERS))
    assert "05/12/2019" in text
    assert "Nguyễn Thị Hoa" in text


def test_command_imports_with_a_progress_bar(tmp_path):
    path = tmp_path / "khen-thuong.xlsx"
    path.write_bytes(xlsx(GOOD).getvalue())
    out = io.StringIO()
    call_command("import_awards", str(path), "--draft", stdout=out)
    assert "4/4" in out.getvalue()
    assert Decision.objects.get().status == Decision.Status.DRAFT


def test_command_reports_bad_files_without_a_traceback(tmp_path):
    path = tmp_path / "khong-phai-excel.xlsx"
    path.write_bytes(b"not a workbook")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_awards", str(path), stderr=err)
    with pytest.raises(CommandError):
        call_command("import_awards", str(tmp_path / "missing.xlsx"))
    assert Decision.objects.count() == 0
