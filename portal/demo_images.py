"""Simple illustrations for the demo content, drawn with Pillow at load time."""

import io
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1600, 1000
RED, DARK_RED, GOLD = (178, 34, 34), (120, 20, 20), (240, 200, 60)
SKIN, SHIRTS = (
    (224, 180, 140),
    [(40, 70, 120), (230, 230, 230), (70, 100, 60), (30, 30, 30)],
)


def _person(draw, x, y, scale, rng, standing=False):
    shirt = rng.choice(SHIRTS)
    body_h = int(90 * scale) if standing else int(50 * scale)
    draw.rounded_rectangle(
        (x - 28 * scale, y, x + 28 * scale, y + body_h),
        radius=int(12 * scale),
        fill=shirt,
    )
    draw.ellipse(
        (x - 18 * scale, y - 40 * scale, x + 18 * scale, y - 2 * scale), fill=SKIN
    )
    draw.pieslice(
        (x - 19 * scale, y - 42 * scale, x + 19 * scale, y - 8 * scale),
        180,
        360,
        fill=(25, 25, 25),
    )


def _stage(draw):
    draw.rectangle((0, 0, WIDTH, HEIGHT), fill=(235, 225, 210))
    draw.rectangle((150, 60, WIDTH - 150, 420), fill=RED)
    draw.rectangle((150, 60, WIDTH - 150, 110), fill=DARK_RED)
    draw.polygon([(800, 150), (830, 240), (925, 240), (848, 295), (878, 385), (800, 330),
                  (722, 385), (752, 295), (675, 240), (770, 240)], fill=GOLD)  # fmt: skip
    draw.rectangle((100, 420, WIDTH - 100, 520), fill=(150, 110, 70))


def _conference(draw, rng):
    _stage(draw)
    for row in range(5):
        y = 560 + row * 90
        for col in range(14):
            _person(draw, 110 + col * 105 + (row % 2) * 40, y, 0.9 + row * 0.08, rng)


def _speaker(draw, rng):
    _stage(draw)
    _person(draw, 800, 300, 2.4, rng, standing=True)
    draw.polygon([(690, 480), (910, 480), (880, 900), (720, 900)], fill=(120, 70, 40))
    for i in range(7):
        draw.ellipse(
            (700 + i * 28, 440, 730 + i * 28, 470), fill=(230, 60 + i * 20, 90)
        )


def _guests(draw, rng):
    draw.rectangle((0, 0, WIDTH, HEIGHT), fill=(225, 215, 200))
    draw.rectangle((0, 600, WIDTH, HEIGHT), fill=(110, 40, 40))
    for col in range(7):
        _person(draw, 160 + col * 210, 420, 2.0, rng)
        draw.rectangle(
            (100 + col * 210, 560, 220 + col * 210, 590), fill=(250, 250, 250)
        )


def _awards(draw, rng, people=8):
    _stage(draw)
    for col in range(people):
        x = 170 + col * (1260 // max(people - 1, 1))
        _person(draw, x, 470, 1.8, rng, standing=True)
        draw.rectangle(
            (x - 40, 560, x + 40, 620), fill=(250, 240, 200), outline=GOLD, width=4
        )
        draw.ellipse((x + 20, 520, x + 60, 560), fill=(220, 50, 90))


def _mountain(draw, rng):
    for y in range(HEIGHT):
        shade = 255 - y // 8
        draw.line((0, y, WIDTH, y), fill=(150, 200, min(255, shade + 20)))
    for layer, colour in enumerate([(70, 120, 80), (50, 100, 60), (35, 80, 45)]):
        base = 520 + layer * 140
        points = [(0, HEIGHT)]
        for x in range(0, WIDTH + 100, 100):
            points.append((x, base - rng.randint(60, 260 - layer * 50)))
        points.append((WIDTH, HEIGHT))
        draw.polygon(points, fill=colour)


def _town(draw, rng):
    _mountain(draw, rng)
    for i in range(22):
        x, w, h = 40 + i * 72, rng.randint(50, 70), rng.randint(90, 220)
        draw.rectangle(
            (x, HEIGHT - h, x + w, HEIGHT),
            fill=rng.choice([(240, 240, 235), (230, 210, 170)]),
        )
        draw.polygon(
            [
                (x - 6, HEIGHT - h),
                (x + w / 2, HEIGHT - h - 40),
                (x + w + 6, HEIGHT - h),
            ],
            fill=(170, 60, 40),
        )


DRAWINGS = {
    "conference": _conference,
    "speaker": _speaker,
    "guests": _guests,
    "awards": _awards,
    "awards_individuals": lambda draw, rng: _awards(draw, rng, people=5),
    "mountain": _mountain,
    "town": _town,
}


def draw_jpeg(name: str) -> bytes:
    """A JPEG illustration for the named scene; the same every time."""
    image = Image.new("RGB", (WIDTH, HEIGHT))
    rng = random.Random(name)  # noqa: S311 - a drawing, not a secret
    DRAWINGS[name](ImageDraw.Draw(image), rng)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
