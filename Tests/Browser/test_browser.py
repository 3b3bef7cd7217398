"""End-to-end tests of the browser pages in headless Chromium (Selenium).

Run through Tests/Browser/run.sh, which starts `firedrill serve` and sets:
  FIREDRILL_URL            the server, e.g. http://127.0.0.1:PORT
  FIREDRILL_TRAINER_TOKEN  the trainer token the server was started with
  FIREDRILL_ARTIFACTS      where screenshots go (default Tests/Browser/artifacts)

Every wait is an explicit WebDriverWait on a condition; nothing sleeps for a fixed time.
Participants' phones are Chrome's mobile emulation at 360 px (a headless window cannot be
narrower than 500 px); the other pages are also photographed at 360 px through the DevTools
device metrics.
"""
import base64
import json
import os
import re
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ.get("FIREDRILL_URL", "http://127.0.0.1:8080").rstrip("/")
TRAINER_TOKEN = os.environ.get("FIREDRILL_TRAINER_TOKEN", "")
ARTIFACTS = Path(os.environ.get("FIREDRILL_ARTIFACTS") or Path(__file__).parent / "artifacts")
CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
WAIT = float(os.environ.get("FIREDRILL_BROWSER_WAIT", "30"))   # seconds, per condition
SIZES = {"desktop": (1280, 900, False), "phone": (360, 740, True)}
PWN = "window.__pwned=1"

INVALID_SCENARIO = """firedrill: 1
id: broken
title: Broken on purpose
duratoin: 10m
roles:
  - id: ops
    name: Ops
injects:
  - id: a
    to: [opz]
    channel: chatt
    subject: hi
    at: 1m
objectives: []
"""

# Scenario text and names that try to run script: they must show as plain text.
HOSTILE_SCENARIO = """firedrill: 1
id: browser-hostile
title: 'Title <img src=x onerror="window.__pwned=1"> check'
summary: 'Summary <script>window.__pwned=1</script>'
briefing: 'Briefing <script>window.__pwned=1</script> <b>not bold</b>'
language: en
duration: 30m
roles:
  - id: ops
    name: 'Ops <i>team</i>'
  - id: boss
    name: Boss
    persona:
      channels: [phone]
      delay: 1m
      reply: 'Reply <img src=x onerror="window.__pwned=1">'
injects:
  - id: hostile
    to: all
    channel: email
    from: 'Mallory <script>window.__pwned=1</script>'
    subject: '<script>window.__pwned=1</script>'
    body: |
      <img src=x onerror="window.__pwned=1">
      Second line.
    at: 0s
    expect: 'Expect <script>window.__pwned=1</script>'
    notes: 'Notes <img src=x onerror="window.__pwned=1">'
objectives:
  - id: ack
    kind: acknowledge
    from: hostile
    target: 5m
"""


# ---------------------------------------------------------------- helpers

def api(method, path, body=None):
    """The HTTP API as the trainer (for set-up that is not under test)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + "/api/v1" + path, data=data, method=method,
                                     headers={"Authorization": f"Bearer {TRAINER_TOKEN}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b"null")


def api_as(token, method, path, body=None):
    """The HTTP API with a drill token; returns (status, answer)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + "/api/v1" + path, data=data, method=method,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def new_browser(lang="en-US", phone=False):
    """Headless Chromium; phone=True emulates a 360 px wide phone (touch, mobile viewport)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1280,900", f"--lang={lang}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    if phone:
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 360, "height": 740, "pixelRatio": 1}})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(30)
    if not phone:
        viewport(driver, "desktop")
    return driver


def viewport(driver, size):
    width, height, mobile = SIZES[size]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def wait(driver, condition, message="", timeout=WAIT):
    return WebDriverWait(driver, timeout, poll_frequency=0.2,
                         ignored_exceptions=(StaleElementReferenceException,)).until(condition, message)


def wait_js(driver, script, message, timeout=WAIT, *args):
    """Waits until the script returns something truthy, and returns it."""
    return wait(driver, lambda d: d.execute_script(script, *args), message, timeout)


def visible(driver, css, timeout=WAIT):
    return wait(driver, EC.visibility_of_element_located((By.CSS_SELECTOR, css)), f"{css} visible", timeout)


def text_of(driver, css):
    """The textContent of the first match (also of closed <details>), or ''."""
    return driver.execute_script("const n = document.querySelector(arguments[0]); return n ? n.textContent : ''", css)


def wait_text(driver, css, text, timeout=WAIT):
    wait(driver, lambda d: text in text_of(d, css), f"{text!r} in {css}", timeout)


def click(driver, css):
    element = wait(driver, EC.element_to_be_clickable((By.CSS_SELECTOR, css)), f"{css} clickable")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()
    return element


def type_into(driver, css, text, clear=True):
    element = visible(driver, css)
    if clear:
        element.clear()
    element.send_keys(text)
    return element


def settle(driver):
    """Two animation frames: layout and paint are done."""
    driver.execute_async_script("const done = arguments[arguments.length - 1];"
                                "requestAnimationFrame(() => requestAnimationFrame(() => done()));")


def screenshot(driver, name, start=None):
    """The page at desktop and phone width, as NAME-desktop.png and NAME-phone.png: all of it,
    or from the element `start` (a CSS selector) down."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for size, (width, _, _) in SIZES.items():
        viewport(driver, size)
        driver.execute_script("window.scrollTo(0, 0)")
        settle(driver)
        metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        # Nothing may stick out sideways: a page wider than the window hides text off screen.
        overflow = driver.execute_script("return document.documentElement.scrollWidth")
        assert overflow <= width + 1, f"{name} at {width} px is {overflow} px wide"
        top = 0
        if start:
            top = int(driver.execute_script(
                "return document.querySelector(arguments[0]).getBoundingClientRect().top + window.scrollY", start))
        height = max(1, min(int(metrics["cssContentSize"]["height"]) - top, 9000))
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": top, "width": width, "height": height, "scale": 1}})
        (ARTIFACTS / f"{name}-{size}.png").write_bytes(base64.b64decode(shot["data"]))
    viewport(driver, "desktop")
    settle(driver)


def phone_screenshot(driver, name):
    """The whole page of a phone-emulated browser, as NAME-phone.png (360 px wide)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.execute_script("window.scrollTo(0, 0)")
    settle(driver)
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    width = int(metrics["cssLayoutViewport"]["clientWidth"])
    overflow = driver.execute_script("return document.documentElement.scrollWidth")
    assert overflow <= width + 1, f"{name} at {width} px is {overflow} px wide"
    height = max(1, min(int(metrics["cssContentSize"]["height"]), 9000))
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    (ARTIFACTS / f"{name}-phone.png").write_bytes(base64.b64decode(shot["data"]))
    settle(driver)


def visible_text(driver):
    """What a reader sees on the page (innerText: hidden parts and closed details excluded),
    plus the window title and every accessible label, which screen readers read too."""
    return driver.execute_script("""
        const labels = Array.from(document.querySelectorAll('[aria-label], [title], option'))
          .map(n => n.getAttribute('aria-label') || n.getAttribute('title') || n.textContent);
        return [document.title, document.body.innerText, ...labels].join('\\n');""")


def in_viewport(driver, css):
    """Whether the top of the first match is inside the window."""
    return driver.execute_script(
        "const n = document.querySelector(arguments[0]); if (!n) return false;"
        "const r = n.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight - 20;", css)


def cjk_fonts(driver, css):
    """The platform fonts Chrome used to draw the text of the first match (DevTools CSS domain)."""
    driver.execute_cdp_cmd("DOM.enable", {})
    driver.execute_cdp_cmd("CSS.enable", {})
    root = driver.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": css})["nodeId"]
    fonts = driver.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return [f["familyName"] for f in fonts]


def inbox_items(driver):
    """The recorded inbox entries (seq and text), newest first."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#inbox > li[data-seq]'))"
        ".filter(li => li.dataset.seq !== '').map(li => ({seq: li.dataset.seq, text: li.textContent,"
        " unread: li.classList.contains('unread')}))")


def join(driver, link, page, name, via_start_page=False):
    """Opens a sign-in link (or pastes it on the start page), checks where it lands, and gives
    a display name."""
    if via_start_page:
        driver.get(BASE + "/")
        type_into(driver, "#signin-link", "  " + link + "  ")
        click(driver, "#signin-form button[type=submit]")
    else:
        driver.get(link)
    wait(driver, lambda d: f"/{page}.html#drill=" in d.current_url, f"landed on {page}.html")
    token = link.rsplit("/join/", 1)[1]
    assert token not in driver.current_url, "the token left the address bar"
    visible(driver, "#join-name")
    type_into(driver, "#join-name", name)
    click(driver, "#join-form button[type=submit]")
    wait(driver, EC.invisibility_of_element_located((By.ID, "join")), "the name was taken")


def console_links(driver):
    """The sign-in links the console shows, by group (player:ROLE, evaluator:, observer:)."""
    return driver.execute_script(
        "const out = {}; for (const g of document.querySelectorAll('.link-group'))"
        " out[g.dataset.group] = Array.from(g.querySelectorAll('.link-input')).map(i => i.value); return out;")


def severe_logs(driver):
    """Browser console errors other than failed requests (4xx answers the test provokes)."""
    try:
        entries = driver.get_log("browser")
    except Exception:   # noqa: BLE001 - logs are a bonus
        return []
    return [e["message"] for e in entries
            if e["level"] == "SEVERE" and "Failed to load resource" not in e["message"]]


def unlabelled_controls(driver):
    """Visible form controls that a screen reader could not name."""
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('input, select, textarea, button'))
          .filter(n => n.offsetParent !== null && n.type !== 'hidden')
          .filter(n => !(n.labels && n.labels.length) && !n.getAttribute('aria-label')
                       && !(n.tagName === 'BUTTON' && n.textContent.trim()))
          .map(n => n.outerHTML.slice(0, 120));""")


class BrowserTest(unittest.TestCase):
    def setUp(self):
        self.browsers = []

    def tearDown(self):
        for driver in self.browsers:
            try:
                driver.quit()
            except Exception:   # noqa: BLE001
                pass

    def browser(self, lang="en-US", phone=False):
        driver = new_browser(lang, phone)
        self.browsers.append(driver)
        return driver

    def assert_clean(self, *drivers):
        for driver in drivers:
            self.assertIsNone(driver.execute_script("return window.__pwned"), "no injected script ran")
            self.assertEqual([], severe_logs(driver), "no console errors (CSP violations, exceptions)")
            self.assertEqual([], unlabelled_controls(driver), "every form control has a label")

    def sign_in_trainer(self, driver):
        driver.get(f"{BASE}/join/{TRAINER_TOKEN}")
        wait(driver, lambda d: "/console.html" in d.current_url, "the trainer lands on the console")
        visible(driver, "#create-form")
        wait_js(driver, "return document.querySelectorAll('#scenario-select option').length > 0", "scenarios listed")


# What Japanese pages must never show: ids, condition or command syntax, English page names,
# the word for token.
ROLE_IDS = ("promotion", "product-planning", "customer-support", "supervisor")
FORBIDDEN_JA = ("met(", "ack [", "（ack/", "Trainer console", "トークン", "player-1", "evaluator-1", "observer-1",
                "adlib-1", "undefined", "null", "NaN")


class FullDrillTest(BrowserTest):
    """An English drill from creation to report: two players, an evaluator and an observer."""

    def test_full_drill(self):
        trainer, alex, bea = self.browser(), self.browser(), self.browser()

        # The trainer creates a drill from the bundled scenario at speed 30.
        self.sign_in_trainer(trainer)
        screenshot(trainer, "console-home")
        Select(trainer.find_element(By.ID, "scenario-select")).select_by_value("newsletter-brochure-leak")
        type_into(trainer, "#speed", "30")
        click(trainer, "#create-form button[type=submit]")
        wait(trainer, lambda d: "#drill=" in d.current_url, "the console opens the new drill")
        visible(trainer, "#drill-view")
        wait_text(trainer, "#drill-title", "newsletter")
        self.assertEqual("Trainer console", text_of(trainer, ".page-name"))
        links = wait(trainer, lambda d: (lambda l: l if all(l.get(k) for k in (
            "player:promotion", "player:product-planning", "evaluator:", "observer:")) else None)(console_links(d)),
            "a link per role, evaluator and observer")

        # Two players join by their links, in browsers of their own.
        join(alex, links["player:promotion"][0], "play", "Alex")
        join(bea, links["player:product-planning"][0], "play", "Bea")
        for player in (alex, bea):
            visible(player, "#waiting")
            wait_text(player, "#briefing-body", "Haruka Soft")
        wait_text(alex, "#briefing-body", "Promotion team")
        wait_text(alex, "#briefing-body", "Product planning")
        # The console sees who joined.
        wait_text(trainer, "#links", "Alex")
        wait_text(trainer, "#links", "Bea")
        screenshot(alex, "play-waiting")
        screenshot(trainer, "console-ready")

        # A new link for a role, and revoking it.
        click(trainer, '.link-group[data-group="player:customer-support"] > button')
        wait(trainer, lambda d: len(console_links(d)["player:customer-support"]) == 2, "a second link for the role")
        wait_text(trainer, '.link-group[data-group="player:customer-support"]', "Link 2")
        revoke = trainer.find_elements(By.CSS_SELECTOR, '.link-group[data-group="player:customer-support"] .token .btn.danger')[-1]
        revoke.click()
        wait(trainer, EC.alert_is_present(), "revoke asks first").accept()
        wait_text(trainer, '.link-group[data-group="player:customer-support"]', "revoked")
        self.assertNotIn("player-", text_of(trainer, "#links"), "links are numbered, not labelled by token")

        # Start.
        click(trainer, "#btn-start")
        for player in (alex, bea):
            wait_text(player, "#drill-status", "Running")
            wait(player, lambda d: not d.find_element(By.ID, "compose-text").get_attribute("disabled"), "composer enabled")

        # The scheduled chat at 3:00 (6 s at speed 30) reaches the promotion team.
        wait_text(alex, "#inbox", "Is the brochure PDF in the newsletter showing", timeout=60)
        wait_text(bea, "#inbox", "[Delivered] Monthly newsletter")

        # Alex responds to the chat: it is named above the form, and the kind must be chosen.
        chat = alex.find_element(By.XPATH, "//li[contains(@class,'inject')][.//*[contains(text(),'Is the brochure PDF')]]")
        chat.find_element(By.CSS_SELECTOR, ".respond").click()
        wait_text(alex, "#reply-to", "Is the brochure PDF in the newsletter showing")
        type_into(alex, "#compose-text", "Looking at page 6 of the brochure now")
        click(alex, "#composer button[type=submit]")
        wait_text(alex, "#compose-error", "Choose what you do")
        click(alex, '#composer .kind-option:has(input[value="acknowledge"])')
        wait_text(alex, "#compose-hint", "seen the message")
        click(alex, "#composer button[type=submit]")
        wait_text(alex, "#inbox li.own.state-recorded", "Looking at page 6")
        wait_text(alex, "#inbox li.own.state-recorded", "In reply to")
        # Nothing sticks: no kind, no text, no message answered.
        self.assertEqual(0, alex.execute_script("return document.querySelectorAll('input[name=kind]:checked').length"))
        self.assertEqual("", alex.find_element(By.ID, "compose-text").get_attribute("value"))
        self.assertFalse(alex.find_element(By.ID, "reply-to").is_displayed())

        # An escalation to product planning by phone, with a line break kept.
        click(alex, '#composer .kind-option:has(input[value="escalate"])')
        visible(alex, ".escalate-fields")
        Select(alex.find_element(By.ID, "esc-role")).select_by_value("product-planning")
        Select(alex.find_element(By.ID, "esc-channel")).select_by_value("phone")
        type_into(alex, "#compose-text", "Brochure page 6 shows the HokutoPay integration <b>under NDA</b>\nsecond line")
        click(alex, "#composer button[type=submit]")
        wait_text(alex, "#inbox", "Contacted Product planning by Phone (escalation)")
        wait_text(alex, "#compose-status", "Recorded ✓")
        # Bea sees the escalation addressed to her role, both lines.
        wait_text(bea, "#inbox li.escalation", "Brochure page 6 shows the HokutoPay integration <b>under NDA</b>\nsecond line")

        # Alex calls the supervisor, who answers by phone after 4 drill minutes.
        click(alex, '#composer .kind-option:has(input[value="escalate"])')
        Select(alex.find_element(By.ID, "esc-role")).select_by_value("supervisor")
        Select(alex.find_element(By.ID, "esc-channel")).select_by_value("phone")
        type_into(alex, "#compose-text", "page 6 of the brochure leaks the partner")
        click(alex, "#composer button[type=submit]")
        wait_text(alex, "#inbox", "page 6 of the brochure leaks the partner")
        wait_text(alex, "#inbox li.persona", "Yamamoto here", timeout=60)

        # Reloading loses nothing: the inbox, what was read, and an unsent draft.
        click(alex, "#mark-all-read")
        type_into(alex, "#compose-text", "draft that survives a reload")
        before = inbox_items(alex)
        self.assertGreaterEqual(len(before), 5)
        alex.refresh()
        wait_text(alex, "#conn", "Connected")
        wait(alex, lambda d: {i["seq"] for i in before} <= {i["seq"] for i in inbox_items(d)}, "inbox caught up after reload")
        after = {i["seq"]: i for i in inbox_items(alex)}
        for item in before:
            self.assertEqual(item["text"], after[item["seq"]]["text"], "same entry after reload")
            if not item["unread"]:
                self.assertFalse(after[item["seq"]]["unread"], "read stays read")
        self.assertEqual("draft that survives a reload", alex.find_element(By.ID, "compose-text").get_attribute("value"))
        alex.find_element(By.ID, "compose-text").clear()
        screenshot(alex, "play")

        # The evaluator records an observation (in a tab of the trainer's browser).
        console_tab = trainer.current_window_handle
        trainer.switch_to.new_window("tab")
        join(trainer, links["evaluator:"][0], "evaluate", "Eve")
        wait_js(trainer, "return document.querySelectorAll('#obs-objective option').length > 1", "objectives listed")
        Select(trainer.find_element(By.ID, "obs-objective")).select_by_value("escalate-supervisor")
        click(trainer, "#obs-ratings .rating-option:nth-child(3)")        # S
        type_into(trainer, "#obs-text", "Escalated by phone, but only after a chat attempt")
        click(trainer, "#obs-form button[type=submit]")
        wait_text(trainer, "#obs-status", "✓")
        wait_text(trainer, "#obs-list", "only after a chat attempt")
        wait_text(trainer, "#obs-list", "Evaluator 1")
        wait_text(trainer, "#board", "Met on time")
        wait_text(trainer, "#board", "keyword matching alone")
        wait_text(trainer, "#timeline", "page 6 of the brochure leaks the partner")
        wait_text(trainer, "#msel", "after the start")
        screenshot(trainer, "evaluate")
        evaluator_tab = trainer.current_window_handle

        # The observer follows read-only, without expect or notes, in large type.
        trainer.switch_to.new_window("tab")
        join(trainer, links["observer:"][0], "observe", "Olga")
        wait_text(trainer, "#timeline", "Brochure page 6 shows the HokutoPay integration")
        wait_text(trainer, "#board", "Met on time")
        self.assertEqual(0, trainer.execute_script("return document.querySelectorAll('.staff-notes, .expected').length"))
        self.assertNotIn("only after a chat attempt", text_of(trainer, "main"))
        self.assertTrue(trainer.execute_script("return document.documentElement.classList.contains('large-type')"), "large type by default")
        screenshot(trainer, "observe")
        observer_tab = trainer.current_window_handle

        # The trainer sends an ad-lib inject to product planning only.
        trainer.switch_to.window(console_tab)
        wait_text(trainer, "#timeline", "only after a chat attempt")      # observations reach the trainer
        click(trainer, '#adlib-to input[value="product-planning"]')
        self.assertFalse(trainer.find_element(By.CSS_SELECTOR, '#adlib-to input[value="all"]').is_selected())
        Select(trainer.find_element(By.ID, "adlib-channel")).select_by_value("chat")
        type_into(trainer, "#adlib-from", "CTO")
        type_into(trainer, "#adlib-subject", "Ad-lib: where are we with the partner?")
        type_into(trainer, "#adlib-body", "I need an answer before 15:00.")
        click(trainer, "#adlib-form button[type=submit]")
        wait_text(trainer, "#adlib-status", "Ad-lib: where are we with the partner?")
        self.assertNotIn("adlib-1", text_of(trainer, "#adlib-status"))
        wait_text(bea, "#inbox", "Ad-lib: where are we with the partner?")
        wait_text(trainer, "#msel", "Ad-lib: where are we with the partner?")
        screenshot(trainer, "console")

        # Pausing shows on the players' pages and closes the composer until the drill goes on.
        click(trainer, "#btn-pause")
        wait_text(alex, "#drill-status", "Paused")
        wait_text(alex, "#compose-note", "paused")
        wait_text(alex, "#inbox", "The trainer paused the drill.")
        self.assertTrue(alex.find_element(By.ID, "compose-text").get_attribute("disabled"))
        click(trainer, "#btn-resume")
        wait_text(alex, "#drill-status", "Running")
        wait(alex, lambda d: not d.find_element(By.ID, "compose-text").get_attribute("disabled"), "composer open again")

        # The trainer ends the drill; everyone sees it.
        click(trainer, "#btn-end")
        wait(trainer, EC.alert_is_present(), "ending asks first").accept()
        visible(trainer, "#report-section .report-link")
        for player in (alex, bea):
            wait_text(player, "#drill-status", "Ended")
            wait_text(player, "#inbox", "The drill ended")
            wait_text(player, "#ended-banner", "The drill has ended")

        # Each saw only their own traffic (both streams reached the end, so nothing is late).
        self.assertNotIn("Is the brochure PDF", text_of(bea, "#inbox"))
        self.assertNotIn("[Confidential] HokutoPay", text_of(alex, "#inbox"))
        self.assertNotIn("Ad-lib: where are we", text_of(alex, "#inbox"))

        # Both answer the survey.
        visible(alex, "#survey-section form")
        screenshot(alex, "survey")
        click(alex, '.scale-option:has(input[name="score-0"][value="4"])')
        type_into(alex, '.text-question textarea', "Hot wash: compare the linked file with the approved one")
        click(alex, "#survey-section button[type=submit]")
        wait_text(alex, "#survey-section", "question(s) are still open")
        visible(bea, "#survey-section form")
        click(bea, '.scale-option:has(input[name="score-1"][value="5"])')
        type_into(bea, 'input[name="comment-1"]', "the phone reached her at once")
        click(bea, "#survey-section button[type=submit]")
        wait_text(bea, "#survey-section", "still open")
        screenshot(alex, "survey-thanks")

        # The report: the server's document, opened from the link.
        href = trainer.find_element(By.CSS_SELECTOR, "#report-section .report-link").get_attribute("href")
        self.assertIn("format=html", href)
        trainer.get(href)
        wait(trainer, lambda d: "Is the brochure PDF in the newsletter" in d.find_element(By.TAG_NAME, "body").text, "the HTML report")
        report = trainer.find_element(By.TAG_NAME, "body").text
        for expected in ("Brochure page 6 shows the HokutoPay integration", "page 6 of the brochure leaks the partner",
                         "only after a chat attempt", "Ad-lib: where are we with the partner?",
                         "compare the linked file with the approved one", "the phone reached her at once"):
            self.assertIn(expected, report)
        for name in ("Alex", "Bea"):
            self.assertNotIn(name, report, "reports speak of roles, not names")

        # Evaluator and observer get the link too.
        for tab in (evaluator_tab, observer_tab):
            trainer.switch_to.window(tab)
            trainer.refresh()
            visible(trainer, "#report-section .report-link")
        self.assert_clean(trainer, alex, bea)


class SafetyTest(BrowserTest):
    """Uploading through the console: every problem with its line; hostile text stays text."""

    def test_upload_problems_and_hostile_text(self):
        trainer, player = self.browser(), self.browser()
        self.sign_in_trainer(trainer)
        click(trainer, '#create-form input[name="source"][value="upload"]')
        visible(trainer, "#scenario-source")

        # An invalid file: every problem, each with its line, before anything is created.
        type_into(trainer, "#scenario-source", INVALID_SCENARIO)
        click(trainer, "#validate-button")
        wait_text(trainer, "#validate-result", "problem")
        problems = trainer.execute_script(
            "return Array.from(document.querySelectorAll('#validate-result .problems li')).map(li => li.textContent)")
        self.assertGreaterEqual(len(problems), 4)
        for line in ("upload:4:", "upload:10:", "upload:11:"):
            self.assertTrue(any(p.startswith(line) for p in problems), f"a problem at {line}")
        trainer.find_element(By.CSS_SELECTOR, "#validate-result .problems li button").click()
        screenshot(trainer, "console-invalid-upload")
        click(trainer, "#create-form button[type=submit]")
        wait_text(trainer, "#validate-result", "problem")
        self.assertNotIn("#drill=", trainer.current_url)

        # A hostile but valid file, chosen with the file input.
        path = ARTIFACTS / "hostile-scenario.yaml"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path.write_text(HOSTILE_SCENARIO, encoding="utf-8")
        trainer.find_element(By.ID, "scenario-file").send_keys(str(path.resolve()))
        wait_text(trainer, "#validate-result", "The scenario is valid")
        click(trainer, "#create-form button[type=submit]")
        wait(trainer, lambda d: "#drill=" in d.current_url, "the drill was created")
        links = wait(trainer, lambda d: console_links(d).get("player:ops"), "the player link")
        wait_text(trainer, "#drill-title", 'Title <img src=x onerror="window.__pwned=1"> check')
        wait_text(trainer, "#msel", "<script>window.__pwned=1</script>")
        click(trainer, "#btn-start")

        join(player, links[0], "play", "Mallory's target", via_start_page=True)
        wait_text(player, "#inbox", "<script>window.__pwned=1</script>")
        wait_text(player, "#inbox", '<img src=x onerror="window.__pwned=1">')
        wait_text(player, "#briefing-body", "<b>not bold</b>")
        self.assertEqual(0, player.execute_script("return document.querySelectorAll('main script, main img, main b, main i').length"))
        # A participant's text is text too, also in the trainer's timeline.
        click(player, '#composer .kind-option:has(input[value="action"])')
        type_into(player, "#compose-text", '<img src=x onerror="window.__pwned=1"> done')
        click(player, "#composer button[type=submit]")
        wait_text(player, "#inbox li.own.state-recorded", '<img src=x onerror="window.__pwned=1"> done')
        wait_text(trainer, "#timeline", '<img src=x onerror="window.__pwned=1"> done')
        self.assertEqual(0, trainer.execute_script("return document.querySelectorAll('main script, main img').length"))
        screenshot(player, "play-hostile")
        self.assert_clean(trainer, player)


class JapaneseDrillTest(BrowserTest):
    """The bundled Japanese newsletter drill, created from the console: a participant on a
    360 px phone, an evaluator and an observer; the trainer steers the clock."""

    def assert_japanese_clean(self, driver, where, extra_ids=()):
        text = visible_text(driver)
        for word in FORBIDDEN_JA:
            self.assertNotIn(word, text, f"{where}: {word!r} shows")
        for ident in (*ROLE_IDS, *extra_ids):
            self.assertNotRegex(text, rf"(?<![\w-]){re.escape(ident)}(?![\w-])", f"{where}: the id {ident!r} shows")

    def test_japanese_newsletter_drill(self):
        trainer = self.browser("ja")
        player = self.browser("ja", phone=True)
        evaluator = self.browser("ja")
        observer = self.browser("ja")

        # The trainer creates the drill from the console; the console speaks Japanese.
        self.sign_in_trainer(trainer)
        self.assertEqual("ja", trainer.execute_script("return document.documentElement.lang"))
        wait_text(trainer, ".topbar", "トレーナー画面")
        self.assertIn("トレーナー画面", trainer.title)
        Select(trainer.find_element(By.ID, "scenario-select")).select_by_value("newsletter-brochure-leak-ja")
        type_into(trainer, "#speed", "1")
        click(trainer, "#create-form button[type=submit]")
        wait(trainer, lambda d: "#drill=" in d.current_url, "the console opens the new drill")
        drill_id = trainer.current_url.split("#drill=", 1)[1]
        links = wait(trainer, lambda d: (lambda l: l if all(l.get(k) for k in (
            "player:promotion", "evaluator:", "observer:")) else None)(console_links(d)), "the links")
        wait_text(trainer, "#msel", "開始 3 分後")
        wait_text(trainer, "#msel", "『上長に電話または対面で報告する』がまだ達成されていない場合")
        inject_ids = [i["id"] for i in api("GET", f"/drills/{drill_id}/progress")["injects"]]
        self.assertIn("pdf-noticed", inject_ids)
        self.assert_japanese_clean(trainer, "console (ready)", inject_ids)

        # Participant (phone), evaluator and observer join.
        join(player, links["player:promotion"][0], "play", "山田")
        join(evaluator, links["evaluator:"][0], "evaluate", "佐々木")
        join(observer, links["observer:"][0], "observe", "委員")
        visible(player, "#waiting")
        self.assertEqual(360, player.execute_script("return window.innerWidth"))
        phone_screenshot(player, "ja-play-waiting")

        # Start, then change the speed while running: the clock runs at 2×, and everyone sees it.
        click(trainer, "#btn-start")
        wait_text(player, "#drill-status", "実施中")
        click(trainer, '.speed-preset[data-speed="2"]')
        wait(trainer, lambda d: d.find_element(By.CSS_SELECTOR, '.speed-preset[data-speed="2"]').get_attribute("aria-pressed") == "true", "2× pressed")
        self.assertEqual(2, api("GET", f"/drills/{drill_id}")["speed"])
        wait_text(trainer, "#current-speed", "2 倍")
        wait_text(trainer, "#timeline", "時計の速さが 2 倍になりました")
        wait_text(player, "#inbox", "時計の速さが 2 倍になりました")
        wait_text(trainer, "#time-left", "実時間で約")

        # Go to the next inject (3:00): the chat reaches the participant at once.
        wait_text(trainer, "#next-info", "3:00 に配信予定")
        click(trainer, "#btn-next")
        wait_text(player, "#inbox", "ニュースレターのパンフレット PDF に未発表の提携が載っていませんか？", timeout=30)
        wait_text(trainer, "#timeline", "トレーナーが時計を")
        self.assertGreaterEqual(api("GET", f"/drills/{drill_id}")["drill_seconds"], 180)

        # The participant answers that chat with the keyboard: respond, pick 受領, write, send.
        chat = player.find_element(By.XPATH, "//li[contains(@class,'inject')][.//*[contains(text(),'未発表の提携')]]")
        chat.find_element(By.CSS_SELECTOR, ".respond").click()
        wait_text(player, "#reply-to", "ニュースレターのパンフレット PDF に未発表の提携")
        wait_text(player, "#reply-to", "営業部 佐藤")
        focused = player.switch_to.active_element
        self.assertEqual("kind", focused.get_attribute("name"), "the kinds have the focus")
        focused.send_keys(Keys.SPACE)
        wait_text(player, "#compose-hint", "メッセージを見て対応を始めたことを伝えます")
        type_into(player, "#compose-text", "確認しました。\nパンフレットの 6 ページを確認します。")
        player.find_element(By.ID, "compose-text").send_keys(Keys.TAB)
        player.switch_to.active_element.send_keys(Keys.ENTER)         # the next stop is 送信
        wait_text(player, "#inbox li.own.state-recorded", "返信先：『ニュースレターのパンフレット PDF")
        phone_screenshot(player, "ja-play-replied")

        # A message that lands out of sight is announced by the indicator, which brings it into view.
        player.execute_script("document.querySelector('#composer-section').scrollIntoView()")
        settle(player)
        wait_text(trainer, "#next-info", "8:00 に配信予定")
        click(trainer, "#btn-next")             # 8:00: for product planning only
        wait_text(trainer, "#timeline", "【社外秘】ホクトペイ連携")
        wait_text(trainer, "#next-info", "12:00 に配信予定")
        click(trainer, "#btn-next")             # 12:00: nobody called the manager yet, so the hint goes out
        pill = visible(player, "#new-pill")
        self.assertIn("新着メッセージ", pill.text)
        player.save_screenshot(str(ARTIFACTS / "ja-play-new-message-phone.png"))   # the window as it is
        pill.click()
        wait(player, lambda d: not d.find_element(By.ID, "new-pill").is_displayed(), "the indicator goes")
        wait(player, lambda d: in_viewport(d, "#inbox > li.inject"), "the new message is in view")
        self.assertIn("山本部長は会議中", text_of(player, "#inbox > li.inject"))
        self.assertEqual("article", player.execute_script("return document.activeElement.tagName.toLowerCase()"), "and has the focus")
        self.assert_japanese_clean(player, "play (running)", inject_ids)
        wait_text(trainer, "#next-info", "15:00 に配信予定")
        click(trainer, "#btn-next")             # 15:00: the manager is called late from here on
        wait_text(player, "#inbox", "パンフレット PDF ダウンロード数")

        # A report that names the manager: the server asks back, the participant escalates.
        click(player, '#composer .kind-option:has(input[value="report"])')
        wait_text(player, "#compose-hint", "報告書です")
        type_into(player, "#compose-text", "山本部長に電話で報告しました")
        click(player, "#composer button[type=submit]")
        visible(player, "#dym-dialog")
        wait_text(player, "#dym-dialog", "この報告は「上長（山本部長）」に触れています。「上長（山本部長）」への連絡（エスカレーション）のつもりですか？")
        wait_text(player, "#dym-suggested", "上長（山本部長）へ電話で連絡する（エスカレーション）")
        wait_text(player, "#dym-keep", "報告のまま送る")
        phone_screenshot(player, "ja-play-did-you-mean")
        click(player, "#dym-suggested")
        wait_text(player, "#inbox li.own.state-recorded", "上長（山本部長）へ電話で連絡しました（エスカレーション）")
        self.assertEqual(0, player.execute_script("return document.querySelectorAll('input[name=kind]:checked').length"), "no sticky kind")

        # An answer keyword matching cannot place, for the evaluator to decide on.
        click(player, '#composer .kind-option:has(input[value="communicate"])')
        type_into(player, "#compose-text", "まずは社内の関係者で集まって、今後の進め方を相談しましょう")
        click(player, "#composer button[type=submit]")
        wait_text(player, "#inbox li.own.state-recorded", "今後の進め方を相談しましょう")


        # The evaluator counts the unplaced answer for the objective it meant: the official score moves.
        wait_text(evaluator, "#queue", "今後の進め方を相談しましょう")
        wait_text(evaluator, "#queue", "キーワード照合で該当なし")
        before = evaluator.find_element(By.CSS_SELECTOR, "#board .score-line").get_attribute("data-score")
        line_before = text_of(evaluator, "#board .coverage")
        self.assertIn("キーワード照合のみ", line_before)
        screenshot(evaluator, "ja-evaluate-queue")
        candidate = evaluator.find_element(By.XPATH,
            "//li[contains(@class,'queue-item')][.//*[contains(text(),'今後の進め方')]]//li[contains(@class,'candidate')][.//*[contains(text(),'対応方針を決めて共有する')]]")
        candidate.find_element(By.CSS_SELECTOR, ".decide-credit").click()
        wait_text(evaluator, "#queue-status", "『対応方針を決めて共有する』の達成と認めました")
        wait(evaluator, lambda d: "今後の進め方" not in text_of(d, "#queue"), "the decided action leaves the queue")
        wait(evaluator, lambda d: d.find_element(By.CSS_SELECTOR, "#board .score-line").get_attribute("data-score") != before, "the official score changed")
        wait_text(evaluator, "#board .coverage", "評価者の判定後")
        wait_text(evaluator, "#board", "評価者が判定")
        wait_text(evaluator, "#timeline", "の達成と認めました")
        wait_text(trainer, "#board .coverage", "評価者の判定後")
        wait_text(observer, "#board .coverage", "評価者の判定後")
        progress = api("GET", f"/drills/{drill_id}/progress")
        self.assertNotEqual(progress["score"], progress["automatic_score"])
        self.assertEqual(float(evaluator.find_element(By.CSS_SELECTOR, "#board .score-line").get_attribute("data-score")), progress["score"])

        # Screens while the drill runs, and nothing but words on them.
        screenshot(trainer, "ja-console")
        screenshot(evaluator, "ja-evaluate")
        screenshot(observer, "ja-observe")
        for driver, where in ((trainer, "console"), (evaluator, "evaluate"), (observer, "observe")):
            self.assert_japanese_clean(driver, where, inject_ids)

        # Japanese text is drawn in a Japanese (CJK) font.
        for driver, css in ((player, "#inbox .msg-subject"), (trainer, "#drill-title"), (observer, "#board .objective-name")):
            fonts = cjk_fonts(driver, css)
            self.assertTrue(any("CJK" in f or "Noto Sans JP" in f for f in fonts), f"{css}: {fonts}")

        # The trainer ends the drill: a banner and the survey come first for the participant.
        click(trainer, "#btn-end")
        wait(trainer, EC.alert_is_present(), "ending asks first").accept()
        banner = visible(player, "#ended-banner")
        self.assertIn("訓練は終了しました", banner.text)
        wait(player, lambda d: in_viewport(d, "#ended-banner"), "the banner is in view")
        order = player.execute_script("return ['#ended-banner', '#survey-section', '#briefing', '#inbox-section'].map(s => document.querySelector(s).getBoundingClientRect().top)")
        self.assertEqual(order, sorted(order), "banner, survey, briefing, inbox from the top")
        self.assertFalse(player.find_element(By.ID, "composer-section").is_displayed())
        scale = player.execute_script("return Array.from(document.querySelectorAll('input[name=score-0]')).map(i => i.getAttribute('aria-label'))")
        self.assertEqual(["1 — 不十分", "2", "3", "4", "5 — 十分"], scale, "the report's scale words")
        phone_screenshot(player, "ja-play-ended")
        click(player, '.scale-option:has(input[name="score-0"][value="4"])')
        type_into(player, "#survey-text-5", "配信前チェックリストに、リンク先ファイルの版を照合する手順を加える")
        click(player, "#survey-section button[type=submit]")
        wait_text(player, "#survey-section", "未回答の質問があと 5 問あります")
        # What is answered comes from the server, not from this browser's storage.
        player.execute_script("localStorage.clear(); sessionStorage.clear();")
        player.refresh()
        visible(player, "#survey-section form")
        self.assertEqual(0, player.execute_script("return document.querySelectorAll('input[name=score-0], #survey-text-5').length"), "answered questions are not asked again")
        self.assertEqual(5, player.execute_script("return document.querySelectorAll('#survey-section .question').length"))
        phone_screenshot(player, "ja-play-survey")

        # The report's link on every staff page; the record keeps in_reply_to.
        for driver in (trainer, evaluator, observer):
            link = visible(driver, "#report-section .report-link")
            self.assertEqual("事後報告書を開く", link.text)
        report = api("GET", f"/drills/{drill_id}/report?format=json")
        replies = [e for e in report["timeline"] if e.get("type") == "action" and e.get("in_reply_to") == "pdf-noticed"]
        self.assertEqual(1, len(replies), "the answer to the chat is recorded as its reply")
        self.assertIn("パンフレットの 6 ページを確認します", replies[0]["text"])
        self.assertIn("\n", replies[0]["text"], "line breaks are kept")
        escalations = [e for e in report["timeline"] if e.get("type") == "action" and e.get("kind") == "escalate" and e.get("target") == "supervisor"]
        self.assertEqual("phone", escalations[0]["channel"])
        self.assertEqual("山本部長に電話で報告しました", escalations[0]["text"])
        screenshot(trainer, "ja-console-finished")
        screenshot(evaluator, "ja-evaluate-finished")
        screenshot(observer, "ja-observe-finished")
        for driver, where in ((trainer, "console"), (evaluator, "evaluate"), (observer, "observe"), (player, "play")):
            self.assert_japanese_clean(driver, f"{where} (finished)", inject_ids)

        # The start page and the trainer's list, in Japanese too.
        trainer.get(BASE + "/console.html")
        visible(trainer, "#drills .drill-row")
        wait_text(trainer, f'.drill-row[data-drill="{drill_id}"]', "終了")
        wait_js(trainer, "return document.querySelector('#scenario-select').value === 'newsletter-brochure-leak-ja'", "the Japanese scenario first")
        screenshot(trainer, "ja-console-home")
        trainer.get(BASE + "/")
        wait_text(trainer, "#signin-title", "リンクで参加する")
        screenshot(trainer, "ja-index")
        self.assert_japanese_clean(trainer, "index")
        self.assert_clean(trainer, player, evaluator, observer)


class LanguageTest(BrowserTest):
    """Japanese interface from the browser's language, Japanese scenario text, and the switch."""

    def test_japanese(self):
        created = api("POST", "/drills", {"scenario": "newsletter-brochure-leak-ja", "speed": 60})
        api("POST", f"/drills/{created['id']}/start")
        player = self.browser("ja")
        player.get(created["links"]["players"]["promotion"])
        wait(player, lambda d: "/play.html#drill=" in d.current_url, "landed on play.html")
        wait_text(player, "#join", "ようこそ")
        self.assertEqual("ja", player.execute_script("return document.documentElement.lang"))
        type_into(player, "#join-name", "山田")
        click(player, "#join-form button[type=submit]")
        wait_text(player, "#inbox", "チャット", timeout=60)         # the chat at 3:00, 3 s at speed 60
        wait_text(player, "#drill-status", "実施中")
        wait_text(player, "#composer", "上長・関係者へ連絡")
        self.assertEqual("ja", player.execute_script("return document.querySelector('#inbox .msg-subject').lang"))
        screenshot(player, "play-ja")
        click(player, "#lang-switch")
        wait_text(player, "#inbox-title", "Inbox")
        wait_text(player, "#composer", "Contact a manager or another team")
        self.assertEqual("en", player.execute_script("return localStorage.getItem('firedrill.lang')"))
        self.assert_clean(player)


if __name__ == "__main__":
    unittest.main(verbosity=2)
