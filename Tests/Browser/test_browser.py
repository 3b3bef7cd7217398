"""End-to-end tests of the browser pages in headless Chromium (Selenium).

Run through Tests/Browser/run.sh, which starts `firedrill serve` and sets:
  FIREDRILL_URL            the server, e.g. http://127.0.0.1:PORT
  FIREDRILL_TRAINER_TOKEN  the trainer token the server was started with
  FIREDRILL_ARTIFACTS      where screenshots go (default Tests/Browser/artifacts)

Every wait is an explicit WebDriverWait on a condition; nothing sleeps for a fixed time.
"""
import base64
import json
import os
import time
import unittest
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
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


def new_browser(lang="en-US"):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1280,900", f"--lang={lang}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(30)
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

    def browser(self, lang="en-US"):
        driver = new_browser(lang)
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


class FullDrillTest(BrowserTest):
    """A drill from creation to report, with two players, an evaluator and an observer."""

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
        revoke = trainer.find_elements(By.CSS_SELECTOR, '.link-group[data-group="player:customer-support"] .token .btn.danger')[-1]
        revoke.click()
        wait(trainer, EC.alert_is_present(), "revoke asks first").accept()
        wait_text(trainer, '.link-group[data-group="player:customer-support"]', "revoked")

        # Start.
        click(trainer, "#btn-start")
        for player in (alex, bea):
            wait_text(player, "#drill-status", "Running")
            wait(player, lambda d: not d.find_element(By.ID, "compose-text").get_attribute("disabled"), "composer enabled")

        # The scheduled chat at 3:00 (6 s at speed 30) reaches the promotion team.
        wait_text(alex, "#inbox", "Is the brochure PDF in the newsletter showing", timeout=60)
        wait_text(bea, "#inbox", "[Delivered] Monthly newsletter")

        # Alex acknowledges with the buttons, then escalates to product planning by phone.
        click(alex, "#inbox li.inject .msg-actions button")            # "Respond" focuses the composer
        type_into(alex, "#compose-text", "Looking at page 6 of the brochure now")
        click(alex, "#composer button[type=submit]")
        wait_text(alex, "#inbox li.own.state-recorded", "Looking at page 6")
        click(alex, "#composer .kind-option:nth-child(2)")               # Escalate
        visible(alex, ".escalate-fields")
        Select(alex.find_element(By.ID, "esc-role")).select_by_value("product-planning")
        Select(alex.find_element(By.ID, "esc-channel")).select_by_value("phone")
        type_into(alex, "#compose-text", "Brochure page 6 shows the HokutoPay integration <b>under NDA</b>")
        click(alex, "#composer button[type=submit]")
        wait_text(alex, "#inbox", "Escalated to Product planning via Phone")
        wait_text(alex, "#compose-status", "Recorded ✓")
        # Bea sees the escalation addressed to her role.
        wait_text(bea, "#inbox li.escalation", "Brochure page 6 shows the HokutoPay integration <b>under NDA</b>")

        # People who know the vocabulary type commands; a bad one shows the server's message.
        visible(alex, "details.typed summary").click()
        type_into(alex, "#command", "escalate supervisor via phone page 6 of the brochure leaks the partner")
        click(alex, "#command-form button[type=submit]")
        wait_text(alex, "#inbox", "page 6 of the brochure leaks the partner")
        type_into(alex, "#command", "blah")
        click(alex, "#command-form button[type=submit]")
        wait_text(alex, "#command-error", "unknown command")
        wait_text(alex, "#inbox li.own.state-failed", "Not recorded")
        # The supervisor persona answers by phone after 4 drill minutes.
        wait_text(alex, "#inbox li.persona", "Yamamoto here", timeout=60)

        # Reloading loses nothing: the inbox, what was read, and an unsent draft.
        click(alex, "#mark-all-read")
        type_into(alex, "#compose-text", "draft that survives a reload")
        before = inbox_items(alex)
        self.assertGreaterEqual(len(before), 6)
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
        wait_text(trainer, "#board", "Met on time")
        wait_text(trainer, "#timeline", "page 6 of the brochure leaks the partner")
        screenshot(trainer, "evaluate")
        evaluator_tab = trainer.current_window_handle

        # The observer follows read-only, without expect or notes, in large type.
        trainer.switch_to.new_window("tab")
        join(trainer, links["observer:"][0], "observe", "Olga")
        wait_text(trainer, "#timeline", "Brochure page 6 shows the HokutoPay integration")
        wait_text(trainer, "#board", "Met on time")
        self.assertEqual(0, trainer.execute_script("return document.querySelectorAll('.staff-notes, .expected').length"))
        self.assertNotIn("only after a chat attempt", text_of(trainer, "main"))
        click(trainer, "#large-type")
        wait(trainer, lambda d: d.execute_script("return document.documentElement.classList.contains('large-type')"), "large type")
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
        wait_text(trainer, "#adlib-status", "adlib-1")
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
        visible(trainer, "#report-section")
        for player in (alex, bea):
            wait_text(player, "#drill-status", "Ended")
            wait_text(player, "#inbox", "The drill ended")

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
        wait_text(alex, "#survey-section", "Thank you")
        visible(bea, "#survey-section form")
        click(bea, '.scale-option:has(input[name="score-1"][value="5"])')
        type_into(bea, 'input[name="comment-1"]', "the phone reached her at once")
        click(bea, "#survey-section button[type=submit]")
        wait_text(bea, "#survey-section", "Thank you")
        screenshot(alex, "survey-thanks")

        # The report shows all of it.
        trainer.refresh()
        wait_js(trainer, "return document.querySelectorAll('#report table.data').length >= 3", "the report is shown")
        report = text_of(trainer, "#report")
        for expected in ("Is the brochure PDF in the newsletter", "Brochure page 6 shows the HokutoPay integration",
                         "page 6 of the brochure leaks the partner", "only after a chat attempt",
                         "Ad-lib: where are we with the partner?", "compare the linked file with the approved one",
                         "the phone reached her at once", "Yamamoto here"):
            self.assertIn(expected, report)
        for name in ("Alex", "Bea"):
            self.assertNotIn(name, report, "reports speak of roles, not names")
        wait_js(trainer, "return document.querySelector('#report-docs a, #report-docs pre')", "the report document")
        screenshot(trainer, "report", start="#report-section")

        # Evaluator and observer get the report too.
        for tab in (evaluator_tab, observer_tab):
            trainer.switch_to.window(tab)
            trainer.refresh()
            wait_text(trainer, "#report", "the phone reached her at once")
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
        type_into(player, "#compose-text", '<img src=x onerror="window.__pwned=1"> done')
        click(player, "#composer button[type=submit]")
        wait_text(player, "#inbox li.own.state-recorded", '<img src=x onerror="window.__pwned=1"> done')
        wait_text(trainer, "#timeline", '<img src=x onerror="window.__pwned=1"> done')
        self.assertEqual(0, trainer.execute_script("return document.querySelectorAll('main script, main img').length"))
        screenshot(player, "play-hostile")
        self.assert_clean(trainer, player)


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
        wait_text(player, "#drill-status", "進行中")
        self.assertEqual("ja", player.execute_script("return document.querySelector('#inbox .msg-subject').lang"))
        screenshot(player, "play-ja")
        click(player, "#lang-switch")
        wait_text(player, "#inbox-title", "Inbox")
        self.assertEqual("en", player.execute_script("return localStorage.getItem('firedrill.lang')"))
        self.assert_clean(player)


if __name__ == "__main__":
    unittest.main(verbosity=2)
