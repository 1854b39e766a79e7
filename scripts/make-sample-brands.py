#!/usr/bin/env python3
"""Writes the sample brand folders in SampleData/brands/: brand.json and the images.

Everything is generated, deterministically, from the bundled fonts (Fonts/PTSans-*.ttf) and the
sample signatures, so the folders can be rebuilt and reviewed as a diff:

    pip install pillow fonttools
    python3 scripts/make-sample-brands.py

Text in SVG files is converted to outlines (fontTools), so an SVG never depends on the fonts of
the machine that renders it. All companies, people and numbers are invented.

  trackcom  the platform's own brand: wide PNG logo
  alatoo    reseller, Bishkek: wide SVG logo, round PNG stamp, signature.json (finger strokes)
  silkway   reseller, Almaty:  square JPEG logo, SVG stamp, signature.png (drawn from strokes)
"""

import json
import math
import shutil
from pathlib import Path

from fontTools.misc.transform import Transform
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "Fonts"
OUT = ROOT / "SampleData" / "brands"
SIGNATURES = ROOT / "SampleData" / "signatures"

# Drawn at SUPERSAMPLE times the final size and scaled down, for smooth edges in Pillow.
SUPERSAMPLE = 4


# ---------------------------------------------------------------------------------------------
# Shared helpers


def pil_font(name, size):
    return ImageFont.truetype(str(FONTS / name), size)


def hex_rgb(color, alpha=255):
    color = color.lstrip("#")
    return tuple(int(color[i : i + 2], 16) for i in (0, 2, 4)) + (alpha,)


def number(value):
    """Short, stable number text for SVG paths."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class OutlineFont:
    """Glyph outlines of a TrueType font as SVG path data (no fonts needed to render them)."""

    def __init__(self, name):
        self.font = TTFont(str(FONTS / name))
        self.glyphs = self.font.getGlyphSet()
        self.cmap = self.font.getBestCmap()
        self.units = self.font["head"].unitsPerEm

    def advance(self, char, size, tracking=0.0):
        return self.glyphs[self.cmap[ord(char)]].width * size / self.units + tracking

    def width(self, text, size, tracking=0.0):
        return sum(self.advance(c, size, tracking) for c in text) - tracking

    def draw(self, pen, char, transform):
        """Draws one glyph; `transform` maps font units (y up) to SVG user units (y down)."""
        self.glyphs[self.cmap[ord(char)]].draw(TransformPen(pen, transform))

    def line(self, text, x, baseline, size, tracking=0.0):
        """Path data for a line of text starting at (x, baseline)."""
        pen = SVGPathPen(self.glyphs, ntos=number)
        scale = size / self.units
        for char in text:
            self.draw(pen, char, Transform(scale, 0, 0, -scale, x, baseline))
            x += self.advance(char, size, tracking)
        return pen.getCommands()

    def circle(self, text, cx, cy, radius, size, start_degrees=0.0):
        """Path data for text running clockwise around a circle, glyph baselines on `radius`."""
        pen = SVGPathPen(self.glyphs, ntos=number)
        scale = size / self.units
        step = 360.0 / sum(self.advance(c, size) for c in text)  # degrees per unit of advance
        angle = start_degrees
        for char in text:
            advance = self.advance(char, size)
            middle = angle + advance * step / 2
            transform = (
                Transform()
                .translate(cx, cy)
                .rotate(math.radians(middle))
                .translate(-advance / 2, -radius)
                .scale(scale, -scale)
            )
            self.draw(pen, char, transform)
            angle += advance * step
        return pen.getCommands()


def text_around(image, text, center, radius, font, color, start_degrees=0.0):
    """Pillow: writes `text` clockwise around a circle, each glyph upright to the centre."""
    advances = [font.getlength(c) for c in text]
    step = 360.0 / sum(advances)
    angle = start_degrees
    size = int(font.size * 2)
    for char, advance in zip(text, advances):
        middle = angle + advance * step / 2
        tile = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((size / 2, size / 2), char, font=font, fill=color, anchor="ms")
        tile = tile.rotate(-middle, resample=Image.BICUBIC, center=(size / 2, size / 2))
        x = center[0] + radius * math.sin(math.radians(middle)) - size / 2
        y = center[1] - radius * math.cos(math.radians(middle)) - size / 2
        image.alpha_composite(tile, (round(x), round(y)))
        angle += advance * step


def finish(image, size):
    """Scales a supersampled drawing down to its final size."""
    return image.resize(size, Image.LANCZOS)


def write_json(path, value):
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# trackcom: the platform's own brand

TRACKCOM_BLUE = "#1F5FBF"


def trackcom_logo():
    """A wide PNG: a blue route mark and the word "Track.com", on a transparent background."""
    width, height = 720, 180
    s = SUPERSAMPLE
    image = Image.new("RGBA", (width * s, height * s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    blue = hex_rgb(TRACKCOM_BLUE)
    draw.rounded_rectangle((10 * s, 20 * s, 150 * s, 160 * s), radius=28 * s, fill=blue)
    # A route: three stops joined by a line, the last one a ring.
    stops = [(45, 120), (80, 65), (118, 95)]
    draw.line([(x * s, y * s) for x, y in stops], fill=(255, 255, 255, 255), width=9 * s, joint="curve")
    for x, y in stops[:2]:
        draw.ellipse(((x - 11) * s, (y - 11) * s, (x + 11) * s, (y + 11) * s), fill=(255, 255, 255, 255))
    x, y = stops[2]
    draw.ellipse(((x - 16) * s, (y - 16) * s, (x + 16) * s, (y + 16) * s), fill=(255, 255, 255, 255))
    draw.ellipse(((x - 7) * s, (y - 7) * s, (x + 7) * s, (y + 7) * s), fill=blue)
    bold = pil_font("PTSans-Bold.ttf", 118 * s)
    draw.text((178 * s, 128 * s), "Track", font=bold, fill=blue, anchor="ls")
    left = 178 * s + bold.getlength("Track")
    draw.text((left, 128 * s), ".com", font=bold, fill=hex_rgb("#5B6B82"), anchor="ls")
    return finish(image, (width, height))


def trackcom(folder):
    trackcom_logo().save(folder / "logo.png")
    write_json(folder / "brand.json", {
        "id": "trackcom",
        "displayName": "Track.com",
        "platform": True,
        "accentColor": TRACKCOM_BLUE,
        "locale": "ru",
        "numberPrefix": "TC-",
        "footerNote": "Track.com — онлайн-сервис грузоперевозок. Документ сформирован автоматически.",
        "terms": (
            "1. Заявка считается принятой после её подтверждения перевозчиком в сервисе Track.com.\n"
            "2. Стороны признают юридическую силу документов, подписанных в сервисе простой электронной подписью.\n"
            "3. Споры разрешаются путём переговоров, а при недостижении согласия — в суде по месту нахождения "
            "ОсОО «Трак Ком»."
        ),
        "legal": {
            "kind": "company",
            "country": "KG",
            "name": "ОсОО «Трак Ком»",
            "shortName": "Трак Ком",
            "inn": "01503202110456",
            "okpo": "31877120",
            "vatPayer": True,
            "address": "720001, Кыргызская Республика, г. Бишкек, пр. Чуй, д. 128, офис 9",
            "phone": "+996 312 90-41-00",
            "email": "docs@track.com",
            "bank": {"name": "ОАО «Демир Кыргыз Интернэшнл Банк», г. Бишкек", "bik": "118005", "account": "1180000123456789"},
            "director": {"fullName": "Осмонов Бакыт Тологонович", "position": "Директор", "basis": "Устава"},
            "usesSeal": False,
        },
        "signer": {"fullName": "Осмонов Бакыт Тологонович", "position": "Директор", "basis": "Устава"},
    })


# ---------------------------------------------------------------------------------------------
# alatoo: reseller in Bishkek

ALATOO_GREEN = "#1B7F5A"
STAMP_INK = "#2B3990"


def alatoo_logo():
    """A wide SVG: green mountains with snow caps, the name in outlines beside them."""
    bold = OutlineFont("PTSans-Bold.ttf")
    regular = OutlineFont("PTSans-Regular.ttf")
    name = bold.line("Ала-Тоо", 146, 66, 50)
    tagline = regular.line("ЛОГИСТИК", 148, 100, 22, tracking=6.5)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="480" height="120" viewBox="0 0 480 120">
  <title>Ала-Тоо Логистик</title>
  <g fill="{ALATOO_GREEN}">
    <path d="M4 104 L46 30 L70 70 L88 44 L132 104 Z"/>
  </g>
  <g fill="#FFFFFF">
    <path d="M46 30 L57 49 L50 45 L44 52 L38 45 L35 49 Z"/>
    <path d="M88 44 L97 57 L91 54 L86 59 L82 55 L81 54 Z"/>
  </g>
  <rect x="4" y="108" width="128" height="5" rx="2.5" fill="#2E3B36"/>
  <path fill="{ALATOO_GREEN}" d="{name}"/>
  <path fill="#2E3B36" d="{tagline}"/>
</svg>
"""


def alatoo_stamp():
    """A round PNG stamp, transparent outside the ink: the name around the edge, Бишкек inside."""
    size = 400
    s = SUPERSAMPLE
    image = Image.new("RGBA", (size * s, size * s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    ink = hex_rgb(STAMP_INK, 230)
    c = size * s / 2
    for radius, width in ((192, 7), (180, 2), (128, 3)):
        r = radius * s
        draw.ellipse((c - r, c - r, c + r, c + r), outline=ink, width=width * s)
    text_around(
        image, "ОсОО «АЛА-ТОО ЛОГИСТИК» • ИНН 02411201910234 • ",
        (c, c), 140 * s, pil_font("PTSans-Bold.ttf", 30 * s), ink)
    draw.text((c, c - 6 * s), "Бишкек", font=pil_font("PTSans-Bold.ttf", 54 * s), fill=ink, anchor="mm")
    draw.text((c, c + 42 * s), "Кыргызская Республика", font=pil_font("PTSans-Regular.ttf", 20 * s), fill=ink,
              anchor="mm")
    draw.line((c - 90 * s, c + 20 * s, c + 90 * s, c + 20 * s), fill=ink, width=2 * s)
    return finish(image, (size, size))


def alatoo(folder):
    (folder / "logo.svg").write_text(alatoo_logo(), encoding="utf-8")
    alatoo_stamp().save(folder / "stamp.png")
    shutil.copyfile(SIGNATURES / "asanov.json", folder / "signature.json")
    write_json(folder / "brand.json", {
        "id": "alatoo",
        "displayName": "Ала-Тоо Логистик",
        "accentColor": ALATOO_GREEN,
        "locale": "ru",
        "numberPrefix": "АТЛ-",
        "footerNote": "ОсОО «Ала-Тоо Логистик» · г. Бишкек, ул. Киевская, 95 · +996 312 66-14-20 · dispatch@alatoo-logistic.kg",
        "terms": (
            "1. Перевозчик подаёт транспортное средство в исправном состоянии, пригодном для перевозки груза.\n"
            "2. Простой сверх 24 часов на погрузке или выгрузке оплачивается в размере 3 000 сом за каждые сутки.\n"
            "3. Оплата производится в течение 5 банковских дней после получения оригиналов ТТН и CMR.\n"
            "4. Споры разрешаются в Межрегиональном экономическом суде г. Бишкек."
        ),
        "legal": {
            "kind": "company",
            "country": "KG",
            "name": "ОсОО «Ала-Тоо Логистик»",
            "shortName": "Ала-Тоо Логистик",
            "inn": "02411201910234",
            "okpo": "31245678",
            "vatPayer": True,
            "address": "720040, Кыргызская Республика, г. Бишкек, ул. Киевская, д. 95, офис 412",
            "phone": "+996 312 66-14-20",
            "email": "dispatch@alatoo-logistic.kg",
            "bank": {"name": "ОАО «Оптима Банк», г. Бишкек", "bik": "109018", "account": "1090820154350117"},
            "director": {"fullName": "Асанов Нурлан Бакытбекович", "position": "Директор", "basis": "Устава"},
            "usesSeal": True,
        },
        "signer": {"fullName": "Асанов Нурлан Бакытбекович", "position": "Директор", "basis": "Устава"},
    })


# ---------------------------------------------------------------------------------------------
# silkway: reseller in Almaty

SILKWAY_RED = "#8E1B3A"


def silkway_logo():
    """A square JPEG: a silk road winding over dunes, the name in white on dark red."""
    size = 400
    s = SUPERSAMPLE
    image = Image.new("RGB", (size * s, size * s), hex_rgb(SILKWAY_RED)[:3])
    draw = ImageDraw.Draw(image)
    gold = (232, 184, 96)
    draw.pieslice((40 * s, 150 * s, 360 * s, 470 * s), 180, 360, fill=(118, 20, 47))
    draw.pieslice((-80 * s, 200 * s, 200 * s, 480 * s), 180, 360, fill=(104, 16, 40))
    road = [(70, 230), (130, 205), (180, 215), (230, 190), (300, 175), (340, 150)]
    draw.line([(x * s, y * s) for x, y in road], fill=gold, width=10 * s, joint="curve")
    draw.ellipse((316 * s, 46 * s, 356 * s, 86 * s), fill=gold)
    white = (255, 255, 255)
    draw.text((200 * s, 305 * s), "SILK WAY", font=pil_font("PTSans-Bold.ttf", 66 * s), fill=white, anchor="ms")
    cargo = pil_font("PTSans-Regular.ttf", 34 * s)
    letters = "CARGO"
    gap = 14 * s
    total = sum(cargo.getlength(c) for c in letters) + gap * (len(letters) - 1)
    x = 200 * s - total / 2
    for char in letters:
        draw.text((x, 352 * s), char, font=cargo, fill=gold, anchor="ls")
        x += cargo.getlength(char) + gap
    return finish(image, (size, size))


def silkway_stamp():
    """A round SVG stamp in outlines: name and BIN around the edge, the city inside."""
    bold = OutlineFont("PTSans-Bold.ttf")
    regular = OutlineFont("PTSans-Regular.ttf")
    edge = bold.circle("SILK WAY CARGO LLP • BIN 180340012345 • ", 100, 100, 70, 15)
    city = bold.line("ALMATY", 100 - bold.width("ALMATY", 26) / 2, 102, 26)
    country = regular.line("KAZAKHSTAN", 100 - regular.width("KAZAKHSTAN", 11, 1.5) / 2, 124, 11, 1.5)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200">
  <title>Silk Way Cargo LLP stamp</title>
  <g fill="none" stroke="{STAMP_INK}" stroke-opacity="0.9">
    <circle cx="100" cy="100" r="96" stroke-width="3.5"/>
    <circle cx="100" cy="100" r="90" stroke-width="1"/>
    <circle cx="100" cy="100" r="62" stroke-width="1.5"/>
    <path d="M58 110 H142" stroke-width="1"/>
  </g>
  <g fill="{STAMP_INK}" fill-opacity="0.9">
    <path d="{edge}"/>
    <path d="{city}"/>
    <path d="{country}"/>
  </g>
</svg>
"""


def signature_png(strokes_file, ink="#1A2A6C", scale=2, width=2.6, margin=8):
    """Draws captured strokes (signature.schema.json) on a transparent background, cropped to the ink."""
    capture = json.loads(strokes_file.read_text(encoding="utf-8"))
    points = [p for stroke in capture["strokes"] for p in stroke["points"]]
    min_x = min(p[0] for p in points) - margin
    min_y = min(p[1] for p in points) - margin
    max_x = max(p[0] for p in points) + margin
    max_y = max(p[1] for p in points) + margin
    size = (round((max_x - min_x) * scale), round((max_y - min_y) * scale))
    k = scale * SUPERSAMPLE
    image = Image.new("RGBA", (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    color = hex_rgb(ink)
    for stroke in capture["strokes"]:
        previous = None
        for point in stroke["points"]:
            pressure = point[3] if len(point) > 3 else 0.6
            radius = width * (0.55 + 0.45 * pressure) * k / 2
            x, y = (point[0] - min_x) * k, (point[1] - min_y) * k
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=color)
            if previous:
                draw.line((previous, (x, y)), fill=color, width=max(1, round(radius * 2)))
            previous = (x, y)
    return finish(image, size)


def silkway(folder):
    silkway_logo().save(folder / "logo.jpg", quality=92, subsampling=0)
    (folder / "stamp.svg").write_text(silkway_stamp(), encoding="utf-8")
    signature_png(SIGNATURES / "tina-holm.json").save(folder / "signature.png")
    write_json(folder / "brand.json", {
        "id": "silkway",
        "displayName": "Silk Way Cargo",
        "accentColor": SILKWAY_RED,
        "locale": "en",
        "numberPrefix": "SWC-",
        "footerNote": "Silk Way Cargo LLP · 38 Dostyk Ave, office 512, Almaty · +7 727 355-20-40 · ops@silkway-cargo.kz",
        "terms": (
            "1. The carrier shall provide a serviceable vehicle fit for the cargo at the agreed loading time.\n"
            "2. Waiting time beyond 24 hours at loading or unloading is paid at USD 60 per day.\n"
            "3. Payment is due within 7 banking days of receipt of the original CMR and invoice.\n"
            "4. Disputes are settled by the Specialised Inter-District Economic Court of Almaty."
        ),
        "legal": {
            "kind": "company",
            "country": "KZ",
            "name": "Silk Way Cargo LLP",
            "shortName": "Silk Way Cargo",
            "inn": "180340012345",
            "kbe": "17",
            "vatPayer": True,
            "address": "050010, Republic of Kazakhstan, Almaty, 38 Dostyk Ave, office 512",
            "phone": "+7 727 355-20-40",
            "email": "ops@silkway-cargo.kz",
            "bank": {
                "name": "JSC Zhetysu Capital Bank, Almaty",
                "bik": "ZCBKKZKA",
                "account": "KZ48926180219R000512",
            },
            "director": {"fullName": "Tina Holm", "position": "Director", "basis": "Charter"},
            "usesSeal": True,
        },
        "signer": {"fullName": "Tina Holm", "position": "Director", "basis": "Charter"},
    })


def main():
    for name, build in (("trackcom", trackcom), ("alatoo", alatoo), ("silkway", silkway)):
        folder = OUT / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        build(folder)
        print(f"wrote {folder.relative_to(ROOT)}: {', '.join(sorted(p.name for p in folder.iterdir()))}")


if __name__ == "__main__":
    main()
