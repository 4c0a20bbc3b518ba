import pytest

from core.html import sanitize_html, split_blocks

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<p>ok<script src='https://evil.example/x.js'></script></p>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">bấm</a>',
    '<a href="JaVaScRiPt:alert(1)">bấm</a>',
    '<a href="&#106;avascript:alert(1)">bấm</a>',
    '<a href=" javascript:alert(1)">bấm</a>',
    '<p onclick="alert(1)">đoạn</p>',
    '<p style="background:url(javascript:alert(1))">đoạn</p>',
    "<svg onload=alert(1)><circle r=1></circle></svg>",
    '<iframe src="https://evil.example"></iframe>',
    '<form action="javascript:alert(1)"><button>Gửi</button></form>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<body onload=alert(1)>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<<script>script>alert(1)<</script>/script>",
    '<object data="javascript:alert(1)"></object>',
    '<p><a href="vbscript:msgbox(1)">x</a></p>',
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_sanitizer_removes_scripts_handlers_styles_and_dangerous_urls(payload):
    cleaned = sanitize_html(payload).lower()
    for forbidden in ("<script", "onerror", "onload", "onclick", "javascript:", "style=", "<iframe", "<svg",
                      "<object", "<form", "data:text", "vbscript:"):  # fmt: skip
        assert forbidden not in cleaned


def test_sanitizer_keeps_the_formatting_editors_use():
    html = (
        "<h2>Tiêu đề</h2><p><strong>Đậm</strong> <em>nghiêng</em> "
        '<a href="https://honglinh.hatinh.gov.vn/">liên kết</a></p><ul><li>Một</li></ul>'
    )
    cleaned = sanitize_html(html)
    assert "<h2>Tiêu đề</h2>" in cleaned
    assert "<strong>Đậm</strong>" in cleaned
    assert 'href="https://honglinh.hatinh.gov.vn/"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned
    assert "<ul><li>Một</li></ul>" in cleaned


def test_sanitizer_turns_an_emptied_editor_into_an_empty_string():
    assert sanitize_html("<p></p>") == ""
    assert sanitize_html("<p><br></p>") == ""
    assert sanitize_html("") == ""


def test_split_blocks_returns_top_level_elements():
    html = "<p>Một</p><ul><li>a</li><li><p>b</p></li></ul><h2>Hai</h2><p>Ba <strong>đậm</strong></p>"
    assert split_blocks(html) == [
        "<p>Một</p>",
        "<ul><li>a</li><li><p>b</p></li></ul>",
        "<h2>Hai</h2>",
        "<p>Ba <strong>đậm</strong></p>",
    ]


def test_split_blocks_keeps_loose_text_and_void_elements():
    assert split_blocks("Chữ rời<p>Đoạn</p><hr>") == ["Chữ rời", "<p>Đoạn</p>", "<hr>"]
    assert split_blocks("") == []
