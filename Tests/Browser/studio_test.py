#!/usr/bin/env python3
"""The studio in a real browser: Debian's chromium, headless, driven by Playwright, against the
real `docengine serve` on a fresh data folder.

Every step of issue 12's acceptance: sign in with a reseller key; six thumbnails; the accent
colour reaches the preview's pixels; a Kyrgyz footer, published, is in a Kyrgyz invoice issued
over POST /v1/documents (pdftotext) with the colour in its pixels; a logo upload; a signature drawn
with mouse events; a footer naming the platform gives a field error; bad input (invalid colour,
10 000 characters, oversized and wrong-type uploads) is refused beside its field and stores
nothing; another reseller gets 404 for the brand, its draft and its previews; no JavaScript
errors; no horizontal scroll at 390 px. Prints `N passed, N failed` last.

Usage: studio_test.py --bin .build/debug/docengine [--chromium /usr/bin/chromium] [--screenshots DIR]
"""
import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request
import zlib
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ["request", "driver-assignment", "invoice", "act", "contract-supplement", "contract"]
ACCENT = (0xC2, 0x18, 0x5B)            # a raspberry no sample brand uses
ACCENT_HEX = "#C2185B"
KYRGYZ_FOOTER = "Ала-Тоо Логистик · Бишкек ш., Киев көч., 95 · биз менен иштегениңиз үчүн рахмат"
WAIT_MS = 60_000


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


# MARK: The service

class Service:
    def __init__(self, binary, data):
        self.binary = binary
        self.data = data
        self.keys = {tenant: self.key(tenant, role) for tenant, role in
                     [("alatoo", "reseller"), ("silkway", "reseller"), ("platform", "platform")]}
        self.process = subprocess.Popen(
            [binary, "serve", "--port", "0", "--data", data, "--brands", "SampleData/brands", "--samples", "SampleData",
             "--renderers", "2"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        match = re.match(r"docengine listening on (http://\S+)", line)
        if not match:
            self.process.kill()
            raise Failure(f"serve did not start: {line!r} {self.process.stderr.read()}")
        self.base = match.group(1).rstrip("/")

    def key(self, tenant, role):
        return subprocess.run(
            [self.binary, "keys", "create", "--tenant", tenant, "--role", role, "--data", self.data],
            cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()

    def request(self, method, path, key=None, body=None, headers=None):
        """(status, headers, bytes) of a request with a bearer key."""
        fields = dict(headers or {})
        if key:
            fields["Authorization"] = f"Bearer {key}"
        data = None
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
            fields.setdefault("Content-Type", "application/json")
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=fields)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


# MARK: Pictures

def png(width, height, color):
    """A solid RGB PNG, written by hand (no imaging library needed)."""
    row = b"\x00" + bytes(color) * width
    raw = row * height
    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def ppm_pixels(path):
    """(width, height, bytes) of a binary PPM (P6) as pdftoppm writes it."""
    data = Path(path).read_bytes()
    fields = []
    position = 0
    while len(fields) < 4:
        while data[position:position + 1].isspace():
            position += 1
        if data[position:position + 1] == b"#":
            position = data.index(b"\n", position)
            continue
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    check(fields[0] == b"P6", "pdftoppm did not write a P6 PPM")
    return int(fields[1]), int(fields[2]), data[position + 1:]


def count_color(pixels, color, tolerance=6):
    count = 0
    r, g, b = color
    for index in range(0, len(pixels) - 2, 3):
        if abs(pixels[index] - r) <= tolerance and abs(pixels[index + 1] - g) <= tolerance and abs(pixels[index + 2] - b) <= tolerance:
            count += 1
    return count


# JavaScript: how many pixels of the shown preview are within `tolerance` of a colour.
PREVIEW_PIXELS = """([r, g, b, tolerance]) => {
  const image = document.querySelector('[data-testid="preview-image"]');
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth; canvas.height = image.naturalHeight;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - r) <= tolerance && Math.abs(data[i + 1] - g) <= tolerance && Math.abs(data[i + 2] - b) <= tolerance) count++;
  }
  return count;
}"""

THUMBNAILS_LOADED = """() => {
  const images = [...document.querySelectorAll('[data-testid="template-thumbnail"] img')];
  return images.length === 6 && images.every((image) => image.complete && image.naturalWidth > 0);
}"""


# MARK: Steps

class StudioTest:
    def __init__(self, service, browser, screenshots):
        self.service = service
        self.browser = browser
        self.screenshots = screenshots
        self.errors = []
        self.passed = []
        self.failed = []

    def step(self, name, body):
        started = time.monotonic()
        try:
            body()
            self.passed.append(name)
            print(f"ok - {name} ({time.monotonic() - started:.1f} s)", flush=True)
        except Exception as error:  # a failed step is reported and the next ones still run
            self.failed.append(name)
            print(f"not ok - {name}: {error}", flush=True)
            traceback.print_exc()

    def new_page(self, width, height):
        context = self.browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True,
                                           locale="ru-RU")
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        # Refusals the test provokes on purpose are logged by chromium as failed loads; anything
        # else on the console at error level is a script error.
        page.on("console", lambda message: message.type == "error" and not message.text.startswith("Failed to load resource")
                and self.errors.append(f"console error: {message.text}"))
        return context, page

    def sign_in(self, page, key):
        page.goto(self.service.base + "/studio/")
        page.get_by_test_id("studio-key").fill(key)
        page.get_by_test_id("studio-sign-in").click()
        page.wait_for_function(THUMBNAILS_LOADED)
        page.wait_for_function("() => document.querySelector('[data-testid=preview-image]').naturalWidth > 0")

    def wait_for_new_preview(self, page, old_fingerprint):
        page.wait_for_function(
            """(old) => { const image = document.querySelector('[data-testid="preview-image"]');
                 return image.dataset.fingerprint && image.dataset.fingerprint !== old && image.complete && image.naturalWidth > 0; }""",
            arg=old_fingerprint)

    def settle(self, page, accent):
        """Waits until the stored draft has `accent` and the large preview shows that draft."""
        deadline = time.monotonic() + WAIT_MS / 1000
        while time.monotonic() < deadline:
            draft = self.draft(page)
            shown = page.evaluate("""() => { const image = document.querySelector('[data-testid="preview-image"]');
                return image.complete && image.naturalWidth > 0 ? image.dataset.fingerprint : null; }""")
            if draft["accentColor"].upper() == accent and shown == draft["fingerprint"]:
                return
            time.sleep(0.2)
        raise Failure(f"the preview never showed the draft with {accent}")

    def fingerprint(self, page):
        return page.get_by_test_id("preview-image").get_attribute("data-fingerprint")

    def draft(self, page):
        return page.evaluate("() => fetch('/v1/brands/alatoo/draft').then((r) => r.json())")

    def run(self):
        context, page = self.new_page(1280, 800)
        self.page = page
        self.step("signs in with a reseller key; the key is kept nowhere, the cookie is HttpOnly and SameSite=Strict",
                  lambda: self.signs_in(page, context))
        self.step("shows all six templates as thumbnails", lambda: self.six_thumbnails(page))
        self.step("accent colour reaches the preview's pixels", lambda: self.accent(page))
        self.step("turns pages and downloads the PDF of the preview", lambda: self.pages_and_download(page))
        self.step("publishes a Kyrgyz footer; an issued Kyrgyz invoice has it and the colour",
                  lambda: self.kyrgyz_footer(page))
        self.step("uploads a logo", lambda: self.logo(page))
        self.step("draws a signature with the mouse; it is stored as strokes and shown vectorised",
                  lambda: self.signature(page))
        self.step("a footer naming the platform gives a field error and stores nothing", lambda: self.platform_mark(page))
        self.step("bad input gets a message beside its field and stores nothing", lambda: self.bad_input(page))
        self.step("another reseller's key gets 404 for the brand, its draft and its previews", self.isolation)
        self.step("discards the draft with two presses; the preview returns to the published look", lambda: self.discard(page))
        self.step("desktop screenshot", lambda: self.screenshot(page, "studio-desktop.png"))
        self.step("signs out", lambda: self.signs_out(page))
        phone_context, phone = self.new_page(390, 844)
        self.step("no horizontal scroll at 390 px", lambda: self.phone(phone))
        self.step("no JavaScript errors", lambda: check(not self.errors, "; ".join(self.errors)))
        phone_context.close()
        context.close()

    def signs_in(self, page, context):
        page.goto(self.service.base + "/studio/")
        check(page.get_by_test_id("studio-key").is_visible(), "the sign-in form is not shown")
        check(page.evaluate("document.documentElement.lang") == "ru", "the page is not Russian by default")
        self.sign_in(page, self.service.keys["alatoo"])
        key = self.service.keys["alatoo"]
        stored = page.evaluate("() => JSON.stringify({...localStorage}) + JSON.stringify({...sessionStorage}) + location.href + document.cookie")
        check(key not in stored, "the API key is kept in the page")
        check(page.get_by_test_id("studio-key").input_value() == "", "the key stays in its input")
        cookies = [cookie for cookie in context.cookies() if cookie["name"] == "docengine_session"]
        check(len(cookies) == 1, f"no session cookie: {context.cookies()}")
        check(cookies[0]["httpOnly"] and cookies[0]["sameSite"] == "Strict", f"cookie flags: {cookies[0]}")
        check(key not in cookies[0]["value"], "the cookie carries the key")
        check("docengine_session" not in page.evaluate("document.cookie"), "scripts can read the session cookie")
        # A state-changing call without the CSRF header is refused even with the cookie.
        status = page.evaluate("() => fetch('/v1/brands/alatoo/draft', {method: 'PATCH', headers: {'Content-Type': 'application/json'}, body: '{}'}).then((r) => r.status)")
        check(status == 403, f"PATCH without X-CSRF-Token answered {status}")

    def six_thumbnails(self, page):
        thumbnails = page.get_by_test_id("template-thumbnail")
        check(thumbnails.count() == 6, f"{thumbnails.count()} thumbnails")
        names = [thumbnails.nth(index).get_attribute("data-template") for index in range(6)]
        check(sorted(names) == sorted(TEMPLATES), f"templates {names}")
        page.locator('[data-testid="template-thumbnail"][data-template="invoice"]').focus()
        page.keyboard.press("Enter")
        check(page.locator('[data-testid="template-thumbnail"][data-template="invoice"]').get_attribute("aria-current") == "true",
              "Enter on a thumbnail does not open it")

    def accent(self, page):
        # A pale colour: its titles and rules would be faint on white, and the page says so.
        page.get_by_test_id("accent-color").fill("#F5E6A3")
        warning = page.locator("#accent-warning")
        warning.wait_for(state="visible")
        check("3:1" in warning.inner_text(), f"unexpected warning {warning.inner_text()!r}")
        self.settle(page, "#F5E6A3")
        before = page.evaluate(PREVIEW_PIXELS, [*ACCENT, 8])
        check(before < 50, f"the preview already has {before} pixels of the new accent")
        page.get_by_test_id("accent-color").fill(ACCENT_HEX)
        self.settle(page, ACCENT_HEX)
        after = page.evaluate(PREVIEW_PIXELS, [*ACCENT, 8])
        check(after > 1500, f"only {after} pixels of {ACCENT_HEX} in the preview")
        check(page.locator("#accent-warning").is_hidden(), "a readable colour still has a contrast warning")
        check(page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()").upper() == ACCENT_HEX,
              "the page's own accent did not follow")
        check(self.draft(page)["accentColor"].upper() == ACCENT_HEX, "the draft did not keep the colour")

    def pages_and_download(self, page):
        page.locator('[data-testid="template-thumbnail"][data-template="contract"]').click()
        page.wait_for_function("() => document.querySelector('[data-testid=preview-image]').dataset.template === 'contract' && document.getElementById('page-label').textContent.startsWith('1 / ')")
        pages = int(page.locator("#page-label").inner_text().split("/")[1])
        check(pages >= 2, f"the contract has {pages} page(s)")
        first = page.get_by_test_id("preview-image").get_attribute("src")
        page.locator("#page-next").click()
        page.wait_for_function("(first) => document.querySelector('[data-testid=preview-image]').getAttribute('src') !== first", arg=first)
        check(page.locator("#page-label").inner_text().startswith("2 /"), "page 2 is not shown")
        with page.expect_download() as download:
            page.get_by_test_id("download-pdf").click()
        path = download.value.path()
        check(Path(path).read_bytes().startswith(b"%PDF-"), "the download is not a PDF")
        text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout
        check("ДОГОВОР" in text.upper(), "the downloaded contract does not say ДОГОВОР")
        page.locator('[data-testid="template-thumbnail"][data-template="invoice"]').click()
        page.wait_for_function("() => document.querySelector('[data-testid=preview-image]').dataset.template === 'invoice'")

    def kyrgyz_footer(self, page):
        old = self.fingerprint(page)
        page.get_by_test_id("locale").select_option("ky")
        page.wait_for_function("() => document.querySelector('[data-testid=preview-image]').dataset.locale === 'ky'")
        page.get_by_test_id("footer-note").fill(KYRGYZ_FOOTER)
        self.wait_for_new_preview(page, old)
        check(self.draft(page)["footerNote"]["ky"] == KYRGYZ_FOOTER, "the draft has not the Kyrgyz footer")
        check(self.draft(page)["footerNote"]["ru"] != KYRGYZ_FOOTER, "the Russian footer changed too")
        # Not yet published: an issued invoice does not have it.
        check(KYRGYZ_FOOTER not in self.issued_invoice_text()[0], "a draft reached an issued document")
        versions = page.locator("#version-list li").count()
        page.get_by_test_id("publish").click()
        page.wait_for_function("(n) => document.querySelectorAll('#version-list li').length === n + 1", arg=versions)
        check(not self.draft(page)["hasDraft"], "the draft is still there after publishing")
        latest = page.locator("#version-list li").first.inner_text()
        check("alatoo" in latest, f"the version list does not say who published: {latest!r}")
        text, pdf = self.issued_invoice_text()
        folded = " ".join(text.split())
        check(" ".join(KYRGYZ_FOOTER.split()) in folded, f"pdftotext of the Kyrgyz invoice lacks the footer:\n{text[-800:]}")
        with tempfile.TemporaryDirectory() as folder:
            Path(folder, "invoice.pdf").write_bytes(pdf)
            subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", str(Path(folder, "invoice.pdf")), str(Path(folder, "page"))], check=True)
            ppm = next(Path(folder).glob("page*.ppm"))
            _, _, pixels = ppm_pixels(ppm)
            colored = count_color(pixels, ACCENT, tolerance=10)
            check(colored > 300, f"only {colored} pixels of {ACCENT_HEX} on the issued invoice")

    def issued_invoice_text(self):
        data = json.loads((ROOT / "SampleData" / "invoice-ky.json").read_text())
        data["document"]["number"] = ""
        status, headers, body = self.service.request(
            "POST", "/v1/documents", self.service.keys["alatoo"],
            {"template": "invoice", "locale": "ky", "brand": "alatoo", "data": data})
        check(status == 201, f"issuing answered {status}: {body[:300]!r}")
        url = json.loads(body)["url"]
        status, _, pdf = self.service.request("GET", url, self.service.keys["alatoo"])
        check(status == 200, f"download answered {status}")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            text = subprocess.run(["pdftotext", "-layout", file.name, "-"], capture_output=True, text=True, check=True).stdout
        return text, pdf

    def logo(self, page):
        old = self.fingerprint(page)
        with tempfile.TemporaryDirectory() as folder:
            logo = Path(folder, "logo.png")
            logo.write_bytes(png(240, 80, ACCENT))
            page.locator("#logo-file").set_input_files(str(logo))
            self.wait_for_new_preview(page, old)
        check(self.draft(page)["images"].get("logo") == "logo.png", "the draft has no logo.png")
        page.wait_for_function("() => { const image = document.querySelector('[data-role=logo] img'); return image.complete && image.naturalWidth === 240; }")
        check(page.locator("#logo-error").is_hidden(), "an error is shown beside the logo")

    def signature(self, page):
        old = self.fingerprint(page)
        box = page.locator("#signature-pad").bounding_box()
        def at(x, y):
            return box["x"] + box["width"] * x / 600, box["y"] + box["height"] * y / 220
        strokes = [
            [(60, 150), (90, 80), (110, 60), (130, 140), (150, 150), (175, 95)],
            [(200, 150), (230, 70), (260, 150), (290, 100), (330, 120), (380, 90), (430, 140)],
            [(450, 160), (520, 150)],
        ]
        for stroke in strokes:
            page.mouse.move(*at(*stroke[0]))
            page.mouse.down()
            for point in stroke[1:]:
                page.mouse.move(*at(*point), steps=6)
            page.mouse.up()
        page.locator("#pad-save").click()
        self.wait_for_new_preview(page, old)
        check(self.draft(page)["images"].get("signature") == "signature.json", "the signature was not stored as strokes")
        answer = page.evaluate("() => fetch('/v1/brands/alatoo/draft/images/signature').then(async (r) => [r.headers.get('content-type'), await r.text()])")
        check(answer[0].startswith("image/svg+xml") and "<path" in answer[1], f"the signature is not shown vectorised: {answer[0]}")
        page.wait_for_function("() => { const image = document.querySelector('[data-role=signature] img'); return image.complete && image.naturalWidth > 0; }")

    def visible_error(self, page, field_id):
        locator = page.locator(f"#{field_id}-error")
        locator.wait_for(state="visible")
        check(locator.get_attribute("data-testid") == "field-error", f"#{field_id}-error is not a field-error")
        return locator.inner_text()

    def platform_mark(self, page):
        before = self.draft(page)
        page.get_by_test_id("footer-note").fill("Документы сформированы в Track.com")
        message = self.visible_error(page, "footer-note")
        check("платформ" in message.lower() or "platform" in message.lower(), f"unexpected message {message!r}")
        time.sleep(0.5)
        after = self.draft(page)
        check(after["fingerprint"] == before["fingerprint"], "a refused footer changed the draft")
        page.get_by_test_id("footer-note").fill(KYRGYZ_FOOTER)
        page.locator("#footer-note-error").wait_for(state="hidden")

    def bad_input(self, page):
        page.wait_for_timeout(800)
        before = self.draft(page)["fingerprint"]
        page.get_by_test_id("accent-color").fill("red")
        page.get_by_test_id("accent-color").press("Tab")
        check("#" in self.visible_error(page, "accent-color"), "no message beside the colour")
        page.get_by_test_id("accent-color").fill(ACCENT_HEX)
        page.locator("#accent-color-error").wait_for(state="hidden")

        page.get_by_test_id("footer-note").fill("х" * 10_000)
        check("10000" in self.visible_error(page, "footer-note").replace(" ", ""), "no length message beside the footer")
        page.get_by_test_id("footer-note").fill(KYRGYZ_FOOTER)
        page.locator("#footer-note-error").wait_for(state="hidden")

        # The same length refused by the server (the page's own check bypassed).
        status = page.evaluate("""(csrf) => fetch('/v1/brands/alatoo/draft', {method: 'PATCH',
            headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf},
            body: JSON.stringify({footerNote: {ky: 'х'.repeat(10000)}})}).then(async (r) => [r.status, (await r.json()).errors[0].field])""",
                               self.csrf(page))
        check(status == [422, "footerNote.ky"], f"a 10 000-character footer answered {status}")

        with tempfile.TemporaryDirectory() as folder:
            big = Path(folder, "huge.png")
            big.write_bytes(png(1, 1, (0, 0, 0)) + b"\0" * (11 * 1024 * 1024))
            page.locator("#stamp-file").set_input_files(str(big))
            check(self.visible_error(page, "stamp"), "no message beside an oversized stamp")
            text = Path(folder, "logo.txt")
            text.write_text("not a picture")
            page.locator("#logo-file").set_input_files(str(text))
            check(self.visible_error(page, "logo"), "no message beside a text file as logo")
            fake = Path(folder, "fake.png")
            fake.write_bytes(b"\x89PNG\r\n\x1a\n but not really")
            page.locator("#stamp-file").set_input_files(str(fake))
            page.wait_for_function("() => /\\S/.test(document.getElementById('stamp-error').textContent)")
        # An oversized body the server refuses (past the page's own size check).
        status = page.evaluate("""(csrf) => fetch('/v1/brands/alatoo/draft/images/stamp', {method: 'PUT',
            headers: {'Content-Type': 'image/png', 'X-CSRF-Token': csrf}, body: new Uint8Array(11 * 1024 * 1024)}).then((r) => r.status)""",
                               self.csrf(page))
        check(status == 413, f"an 11 MiB stamp answered {status}")
        page.wait_for_timeout(800)
        check(self.draft(page)["fingerprint"] == before, "bad input changed the draft")

    def csrf(self, page):
        return page.evaluate("() => fetch('/v1/session').then((r) => r.json()).then((s) => s.csrfToken)")

    def isolation(self):
        silkway = self.service.keys["silkway"]
        body = {"template": "invoice", "locale": "ru", "brand": "alatoo", "draft": True, "sample": True}
        for method, path, payload in [
            ("GET", "/v1/brands/alatoo", None),
            ("GET", "/v1/brands/alatoo/draft", None),
            ("PATCH", "/v1/brands/alatoo/draft", {"accentColor": "#000000"}),
            ("GET", "/v1/brands/alatoo/draft/images/logo", None),
            ("POST", "/v1/brands/alatoo/draft/publish", None),
            ("DELETE", "/v1/brands/alatoo/draft", None),
            ("POST", "/v1/previews", body),
        ]:
            status, _, answer = self.service.request(method, path, silkway, payload, {"Accept": "image/png"})
            check(status == 404, f"silkway {method} {path} answered {status}: {answer[:200]!r}")
        # The same through silkway's own studio session.
        context, page = self.new_page(1280, 800)
        self.sign_in(page, silkway)
        statuses = page.evaluate("""async () => {
            const csrf = (await (await fetch('/v1/session')).json()).csrfToken;
            const preview = await fetch('/v1/previews', {method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf},
                body: JSON.stringify({template: 'invoice', brand: 'alatoo', draft: true, sample: true})});
            return [(await fetch('/v1/brands/alatoo')).status, (await fetch('/v1/brands/alatoo/draft')).status, preview.status];
        }""")
        check(statuses == [404, 404, 404], f"silkway's session sees alatoo: {statuses}")
        brands = page.evaluate("() => fetch('/v1/session').then((r) => r.json()).then((s) => s.brands.map((b) => b.id))")
        check(brands == ["silkway"], f"silkway's studio offers {brands}")
        context.close()
        # The platform's key may open any tenant's studio.
        context, page = self.new_page(1280, 800)
        self.sign_in(page, self.service.keys["platform"])
        brands = page.evaluate("() => fetch('/v1/session').then((r) => r.json()).then((s) => s.brands.map((b) => b.id))")
        check({"alatoo", "silkway"} <= set(brands), f"the platform's studio offers {brands}")
        check(page.locator("#brand-picker").is_visible(), "no brand picker for the platform")
        context.close()

    def discard(self, page):
        check(self.draft(page)["hasDraft"], "no draft to discard")
        old = self.fingerprint(page)
        page.locator("#discard").click()
        page.wait_for_timeout(300)
        check(self.draft(page)["hasDraft"], "one press discarded the draft")
        page.locator("#discard").click()
        self.wait_for_new_preview(page, old)
        draft = self.draft(page)
        check(not draft["hasDraft"] and "logo" in draft["images"] and draft["images"]["logo"] == "logo.svg",
              f"the published look is not back: {draft['images']}")
        check(draft["footerNote"]["ky"] == KYRGYZ_FOOTER, "the published Kyrgyz footer is gone")

    def screenshot(self, page, name):
        page.locator('[data-testid="template-thumbnail"][data-template="invoice"]').click()
        page.get_by_test_id("locale").select_option("ru")
        page.wait_for_function("() => document.querySelector('[data-testid=preview-image]').dataset.locale === 'ru'")
        page.wait_for_function(THUMBNAILS_LOADED)
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(500)
        page.mouse.move(0, 0)
        if self.screenshots:
            page.screenshot(path=str(Path(self.screenshots) / name))

    def signs_out(self, page):
        page.locator("#sign-out").click()
        page.get_by_test_id("studio-key").wait_for(state="visible")
        signed = page.evaluate("() => fetch('/v1/session').then((r) => r.json()).then((s) => s.signedIn)")
        check(signed is False, "still signed in after signing out")

    def phone(self, page):
        self.sign_in(page, self.service.keys["alatoo"])
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(300)
        widths = page.evaluate("() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]")
        check(widths[0] <= widths[2] and widths[1] <= widths[2], f"horizontal scroll at 390 px: {widths}")
        for selector in ['[data-testid="accent-color"]', '[data-testid="footer-note"]', '[data-testid="publish"]', '[data-testid="download-pdf"]']:
            box = page.locator(selector).bounding_box()
            check(box and box["x"] >= 0 and box["x"] + box["width"] <= 390, f"{selector} sticks out: {box}")
        if self.screenshots:
            page.screenshot(path=str(Path(self.screenshots) / "studio-phone.png"), full_page=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True, help="the docengine binary")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--screenshots", help="folder to write studio-desktop.png and studio-phone.png to")
    arguments = parser.parse_args()
    if arguments.screenshots:
        os.makedirs(arguments.screenshots, exist_ok=True)
    data = tempfile.mkdtemp(prefix="studio-test-")
    service = Service(os.path.abspath(arguments.bin), data)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=arguments.chromium, headless=True)
            test = StudioTest(service, browser, arguments.screenshots)
            test.run()
            browser.close()
    finally:
        service.stop()
        shutil.rmtree(data, ignore_errors=True)
    print(f"{len(test.passed)} passed, {len(test.failed)} failed")
    return 1 if test.failed else 0


if __name__ == "__main__":
    sys.exit(main())
