import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.images import make_renditions, validate_image_file
from tests.factories import image_bytes


def upload(data, name="anh.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def png_header_only(width, height):
    """A tiny PNG whose header claims a huge size: a decompression bomb."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def error_code(data, name="anh.jpg"):
    with pytest.raises(ValidationError) as info:
        validate_image_file(upload(data, name))
    return info.value.code, str(info.value.messages[0])


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_real_jpeg_png_and_webp_are_accepted(fmt):
    validate_image_file(upload(image_bytes(fmt)))


def test_a_text_file_renamed_jpg_is_refused_with_a_vietnamese_message():
    code, message = error_code("Đây không phải ảnh".encode(), "anh.jpg")
    assert code == "image_invalid"
    assert (
        message == "Tệp không phải là ảnh hợp lệ (JPEG, PNG hoặc WebP) hoặc đã bị hỏng."
    )


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_refused(fmt):
    code, message = error_code(image_bytes(fmt))
    assert code == "image_format"
    assert "Chỉ chấp nhận ảnh JPEG, PNG và WebP" in message


def test_an_oversized_file_is_refused_before_it_is_decoded(settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 1000
    code, message = error_code(image_bytes("PNG", size=(300, 300)) + b"\x00" * 2000)
    assert code == "image_too_large"
    assert "vượt quá giới hạn" in message


def test_a_decompression_bomb_is_refused_from_its_header():
    code, message = error_code(png_header_only(60_000, 60_000), "bom.png")
    assert code == "image_too_many_pixels"
    assert message == "Ảnh có hơn 40 triệu điểm ảnh. Vui lòng thu nhỏ ảnh."


def test_a_photo_just_above_the_pixel_limit_is_refused(settings):
    settings.IMAGE_MAX_PIXELS = 100_000
    code, _ = error_code(image_bytes("PNG", size=(400, 300)))
    assert code == "image_too_many_pixels"


def test_a_truncated_image_is_refused():
    data = image_bytes("JPEG", size=(800, 600))
    code, _ = error_code(data[: len(data) // 2])
    assert code == "image_invalid"


def test_an_svg_with_script_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
    code, _ = error_code(svg, "anh.svg")
    assert code in {"image_invalid", "image_polyglot"}


@pytest.mark.parametrize(
    "payload",
    [
        b"<script>alert(1)</script>",
        b"<HTML><body onload=alert(1)>",
        b"<?php system($_GET['c']); ?>",
    ],
)
def test_a_valid_photo_with_markup_appended_is_refused(payload):
    code, message = error_code(image_bytes("JPEG") + payload)
    assert code == "image_polyglot"
    assert (
        message == "Tệp có chứa mã trang web hoặc mã lệnh ẩn trong ảnh nên bị từ chối."
    )


def test_an_empty_file_is_refused():
    code, _ = error_code(b"")
    assert code == "image_empty"


def test_renditions_are_webp_at_each_width_up_to_the_original_plus_a_jpeg_fallback():
    renditions = make_renditions(
        io.BytesIO(image_bytes("PNG", size=(1200, 800))), key="test-1"
    )
    assert [r["width"] for r in renditions["webp"]] == [480, 960, 1200]
    assert [r["height"] for r in renditions["webp"]] == [320, 640, 800]
    for rendition in renditions["webp"]:
        with (
            default_storage.open(rendition["name"]) as stored,
            Image.open(stored) as image,
        ):
            assert image.format == "WEBP"
            assert image.size == (rendition["width"], rendition["height"])
    with (
        default_storage.open(renditions["jpeg"]["name"]) as stored,
        Image.open(stored) as image,
    ):
        assert image.format == "JPEG"
        assert image.size == (960, 640)


def test_small_photos_are_not_enlarged():
    renditions = make_renditions(
        io.BytesIO(image_bytes("JPEG", size=(300, 200))), key="test-2"
    )
    assert [r["width"] for r in renditions["webp"]] == [300]
    assert renditions["jpeg"]["width"] == 300
