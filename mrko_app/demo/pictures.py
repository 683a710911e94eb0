"""Pictures for the demo school's news, drawn by Pillow when the demo is loaded (no image files in the
repository) and stored through the one upload mechanism (services/uploads), like a teacher's upload."""

import io
import math

from PIL import Image, ImageDraw

from mrko_app.services import uploads

SIZE = (1200, 800)


def _poster(top: tuple[int, int, int], bottom: tuple[int, int, int], draw_scene) -> bytes:
    image = Image.new("RGB", SIZE, top)
    draw = ImageDraw.Draw(image)
    for y in range(SIZE[1]):  # a vertical gradient, the sky
        t = y / SIZE[1]
        draw.line([(0, y), (SIZE[0], y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    draw_scene(draw)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _concert(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle([0, 560, 1200, 800], fill=(90, 40, 30))  # the stage
    for n in range(4):  # stage lights
        x = 150 + n * 300
        draw.polygon([(x, 0), (x - 45, 560), (x + 45, 560)], fill=(120, 90, 120))
    for n in range(5):  # a choir
        x = 240 + n * 180
        draw.ellipse([x - 35, 380, x + 35, 450], fill=(250, 220, 190))
        draw.rectangle([x - 50, 450, x + 50, 560], fill=(30, 60, 120))


def _race(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle([0, 520, 1200, 800], fill=(60, 140, 60))  # the field
    for lane in range(4):  # the track
        y = 600 + lane * 45
        draw.arc([-200, y - 60, 1400, y + 500], 200, 340, fill=(230, 230, 230), width=6)
    for n in range(12):  # autumn trees
        x = 50 + n * 100
        draw.rectangle([x - 8, 420, x + 8, 520], fill=(90, 60, 30))
        draw.ellipse([x - 45, 330, x + 45, 440], fill=(220, 120 + 10 * (n % 4), 30))
    cx, cy = 950, 140
    draw.ellipse([cx - 60, cy - 60, cx + 60, cy + 60], fill=(255, 220, 80))  # the sun
    for k in range(12):
        a = k * math.pi / 6
        draw.line([(cx + 75 * math.cos(a), cy + 75 * math.sin(a)), (cx + 110 * math.cos(a), cy + 110 * math.sin(a))],
                  fill=(255, 220, 80), width=6)


def _planetarium(draw: ImageDraw.ImageDraw) -> None:
    for n in range(120):  # stars, placed by a fixed rule (the demo is the same every time)
        x, y = (n * 397) % 1200, (n * 211) % 560
        r = 2 + n % 3
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 230))
    draw.pieslice([300, 420, 900, 1020], 180, 360, fill=(200, 200, 215))  # the dome
    draw.rectangle([300, 720, 900, 800], fill=(170, 170, 185))


SCENES = {
    "concert": ((40, 20, 70), (150, 60, 90), _concert),
    "race": ((140, 200, 250), (250, 230, 200), _race),
    "planetarium": ((5, 10, 40), (40, 30, 90), _planetarium),
}


def picture(scene: str, folder: str) -> dict:
    """Draw the scene and store it as an upload would be: the metadata a NewsPicture row needs."""
    top, bottom, draw_scene = SCENES[scene]
    stored, prepared = uploads.store_picture(_poster(top, bottom, draw_scene), folder, f"{scene}.png")
    return {**stored.as_dict(), "width": prepared.width, "height": prepared.height}
