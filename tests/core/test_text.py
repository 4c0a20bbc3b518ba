import unicodedata

import pytest

from core.text import nfc, slugify_vi


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đồng chí Trần Quang Tuấn", "dong-chi-tran-quang-tuan"),
        ("Đảng bộ thị xã Hồng Lĩnh", "dang-bo-thi-xa-hong-linh"),
        ("Ủy ban nhân dân thị xã", "uy-ban-nhan-dan-thi-xa"),
        ("Tổng kết 10 năm (2009 – 2019)", "tong-ket-10-nam-2009-2019"),
        ("Ưu tiên phát triển đường sá", "uu-tien-phat-trien-duong-sa"),
    ],
)
def test_slug_keeps_vietnamese_words_in_ascii(title, slug):
    """đ/Đ become d (Django's slugify alone drops them) and tones are removed."""
    assert slugify_vi(title) == slug


def test_slug_of_decomposed_text_equals_slug_of_composed_text():
    title = "Đồng chí Trần Quang Tuấn"
    assert slugify_vi(unicodedata.normalize("NFD", title)) == slugify_vi(title)


def test_nfc_composes_text_typed_on_decomposing_keyboards():
    decomposed = unicodedata.normalize("NFD", "Hồng Lĩnh")
    assert decomposed != "Hồng Lĩnh"
    assert nfc(decomposed) == "Hồng Lĩnh"
