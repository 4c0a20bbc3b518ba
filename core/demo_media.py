"""Simple illustrations for the demo content, drawn with Pillow at load time."""

import io
import math
import random
import struct
import wave

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


def draw_map_jpeg() -> bytes:
    """A simple illustrated map: mountains, a road, six labelled-by-colour areas."""
    image = Image.new("RGB", (WIDTH, HEIGHT), (236, 232, 214))
    draw = ImageDraw.Draw(image)
    areas = [
        ((120, 120, 620, 460), (214, 226, 196)),
        ((620, 120, 1100, 460), (226, 214, 196)),
        ((120, 460, 620, 860), (200, 214, 226)),
        ((620, 460, 1100, 860), (226, 200, 214)),
        ((1100, 200, 1480, 600), (214, 200, 226)),
        ((1100, 600, 1480, 900), (226, 226, 196)),
    ]
    for box, colour in areas:
        draw.rectangle(box, fill=colour, outline=(120, 110, 90), width=4)
    for x in range(1150, 1560, 70):
        draw.polygon([(x, 180), (x + 45, 60), (x + 90, 180)], fill=(70, 120, 80))
    draw.line(
        [(640, 0), (600, 400), (660, 700), (620, HEIGHT)], fill=(200, 60, 40), width=14
    )
    draw.ellipse((590, 430, 670, 510), fill=(178, 34, 34))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def tune_wav(seconds: float = 6.0) -> bytes:
    """A short pentatonic tune, synthesised: demo audio without any download."""
    rate, notes = 22050, [392, 440, 523, 587, 659, 587, 523, 440]
    frames = bytearray()
    per_note = int(rate * seconds / len(notes))
    for frequency in notes:
        for i in range(per_note):
            envelope = min(1.0, i / 400) * max(0.0, 1 - i / per_note)
            frames += struct.pack(
                "<h",
                int(9000 * envelope * math.sin(2 * math.pi * frequency * i / rate)),
            )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(bytes(frames))
    return buffer.getvalue()
