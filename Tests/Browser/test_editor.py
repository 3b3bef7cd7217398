"""The scenario editor (/editor.html) in headless Chromium, as a Japanese trainer.

Run through Tests/Browser/run.sh with the other browser tests (same server, same helpers).
"""
import re
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from test_browser import (ARTIFACTS, BASE, FORBIDDEN_JA, ROLE_IDS, TRAINER_TOKEN, BrowserTest, api, click, phone_screenshot,
                          screenshot, settle, text_of, type_into, visible, visible_text, wait, wait_js, wait_text)

NEW_ID = "minato-newsletter-leak"
RENAMES = (("ハルカソフト", "ミナトシステム"), ("ホクトペイ", "サクラペイ"), ("山本", "田中"), ("高橋", "鈴木"))
MOVED_SUBJECT = "【至急】貴社配布資料における弊社連携情報の掲載について"   # partner-angry, at 25m


def field_by_label(driver, label):
    """The control a visible <label> with exactly this text names (the first one)."""
    return driver.execute_script("""
        const label = Array.from(document.querySelectorAll('label')).find(l => l.textContent.trim() === arguments[0] && l.offsetParent !== null);
        return label ? document.getElementById(label.htmlFor) : null;""", label)


def timeline_row(driver, subject):
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('#timeline-edit .tl-row'))
          .find(r => r.querySelector('.tl-subject').textContent.includes(arguments[0])) || null;""", subject)


def timeline_order(driver):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#timeline-edit .tl-row')).map(r => [r.querySelector('.tl-subject').textContent, r.querySelector('input').value])")


class EditorTest(BrowserTest):
    """A trainer copies the bundled Japanese newsletter drill, makes it their company's (names
    replaced everywhere), moves an inject 15 minutes earlier, saves, and runs a drill from it."""

    def assert_japanese_clean(self, driver, where):
        text = visible_text(driver)
        for word in FORBIDDEN_JA:
            self.assertNotIn(word, text, f"{where}: {word!r} shows")
        for ident in ROLE_IDS:
            self.assertNotRegex(text, rf"(?<![\w-]){re.escape(ident)}(?![\w-])", f"{where}: the id {ident!r} shows")

    def test_japanese_copy_rename_move_save_and_drill(self):
        trainer = self.browser("ja")
        self.sign_in_trainer(trainer)

        # The console's start screen links to the editor.
        link = visible(trainer, "#edit-scenarios-link")
        self.assertEqual("シナリオを編集", link.text)
        link.click()
        wait(trainer, lambda d: d.current_url.endswith("/editor.html"), "the editor opens")
        visible(trainer, "#start")
        wait_text(trainer, ".topbar", "シナリオ編集")
        self.assertEqual("ja", trainer.execute_script("return document.documentElement.lang"))
        screenshot(trainer, "ja-editor-start")

        # Duplicate the bundled Japanese newsletter drill: a new id and title, editable.
        Select(trainer.find_element(By.ID, "start-select")).select_by_value("newsletter-brochure-leak-ja")
        self.assertFalse(trainer.find_element(By.ID, "start-edit").is_enabled(), "a bundled scenario is copied, not edited")
        click(trainer, "#start-duplicate")
        visible(trainer, "#editor")
        title = wait(trainer, lambda d: field_by_label(d, "タイトル"), "the field labelled タイトル")
        self.assertEqual("ニュースレター添付パンフレットからの未発表提携情報の漏えい（コピー）", title.get_attribute("value"))
        scenario_id = trainer.find_element(By.ID, "f-id")
        self.assertEqual("newsletter-brochure-leak-copy", scenario_id.get_attribute("value"))
        scenario_id.clear()
        scenario_id.send_keys(NEW_ID)
        title.clear()
        title.send_keys("ミナトシステム版 ニュースレター添付パンフレットからの漏えい")
        wait_text(trainer, "#problems-title", "問題はありません")
        self.assertIn("コピーです", text_of(trainer, "#editor-mode"))

        # A problem shows beside its field (linked for screen readers) and in the list, and goes when fixed.
        duration = field_by_label(trainer, "予定時間")
        duration.clear()
        duration.send_keys("あとで")
        visible(trainer, "#f-duration-problem")
        self.assertEqual("true", duration.get_attribute("aria-invalid"))
        self.assertIn("f-duration-problem", duration.get_attribute("aria-describedby"))
        wait_text(trainer, "#problems-title", "保存する前に直す問題が")
        wait_text(trainer, "#f-duration-note", "時間として読めません")
        problem_link = trainer.find_element(By.CSS_SELECTOR, "#problem-list a")
        self.assertIn("予定時間", problem_link.text)
        screenshot(trainer, "ja-editor-problem")
        problem_link.click()
        self.assertEqual("f-duration", trainer.switch_to.active_element.get_attribute("id"), "the list takes the reader to the field")
        duration.clear()
        duration.send_keys("1時間30分")
        wait_text(trainer, "#f-duration-note", "1 時間 30 分")
        wait_text(trainer, "#problems-title", "問題はありません")
        self.assertIsNone(duration.get_attribute("aria-invalid"))

        # Find and replace the company, the product and the people, with a count and a preview first.
        trainer.execute_script("document.querySelector('#sec-find').scrollIntoView()")
        for old, new in RENAMES:
            type_into(trainer, "#find-text", old)
            type_into(trainer, "#replace-text", new)
            wait_text(trainer, "#find-count", "か所見つかりました")
            count = int(re.search(r"(\d+) か所", text_of(trainer, "#find-count")).group(1))
            self.assertGreater(count, 0, old)
            wait_text(trainer, "#find-preview", new)
            if old == "ハルカソフト":
                self.assertGreaterEqual(count, 3)
                self.assertEqual(old, text_of(trainer, "#find-preview del"))
                screenshot(trainer, "ja-editor-find", start="#sec-find")
            click(trainer, "#replace-button")
            wait_text(trainer, "#find-count", f"{count} か所を置き換えました")
            wait_text(trainer, "#announcer", "置き換えました")
        wait(trainer, lambda d: "ミナトシステム株式会社" in field_by_label(d, "事前説明").get_attribute("value"), "the briefing names the new company")
        self.assertNotIn("ハルカソフト", trainer.execute_script("return document.getElementById('f-briefing').value"))

        # Move the partner's angry e-mail (25:00) 15 minutes earlier on the timeline, by keyboard.
        self.assertEqual("5", timeline_row(trainer, "貴社配布資料における弊社連携情報").get_attribute("data-inject"))
        # (The timeline is redrawn after each change unless it has the focus: take the focus first.)
        wait_js(trainer, "const n = document.getElementById('tl-5'); n.scrollIntoView({block: 'center'}); n.focus();"
                         " return document.activeElement === n", "the time of the inject has the focus")
        time_input = trainer.switch_to.active_element
        self.assertEqual("25:00", time_input.get_attribute("value"))
        time_input.send_keys(Keys.CONTROL, "a")
        time_input.send_keys("10:00", Keys.TAB)
        wait_text(trainer, "#announcer", "10:00 に移しました")
        wait(trainer, lambda d: [s for s, _ in timeline_order(d)].index(MOVED_SUBJECT) == 3, "the timeline is sorted again")
        order = timeline_order(trainer)
        self.assertEqual(["0:00", "3:00", "8:00", "10:00", "12:00"], [v for _, v in order[:5]])
        wait_text(trainer, "#sec-timeline", "条件を満たしたときに送るインジェクト")
        screenshot(trainer, "ja-editor-timeline", start="#sec-timeline")

        # What the promotion team will see: the briefing, the messages in time order, no trainer notes.
        Select(trainer.find_element(By.ID, "preview-role")).select_by_visible_text("プロモーション担当")
        wait_text(trainer, "#preview", "ミナトシステム株式会社")
        preview = text_of(trainer, "#preview")
        self.assertIn(MOVED_SUBJECT, preview)
        self.assertLess(preview.index("ニュースレターのパンフレット PDF"), preview.index(MOVED_SUBJECT))
        self.assertNotIn("圧力インジェクト", preview, "trainer notes stay hidden")
        self.assertNotIn("商品企画担当が先方へお詫び", preview, "expected responses stay hidden")
        screenshot(trainer, "ja-editor-preview", start="#sec-preview")

        # An inject opened: every field has its label.
        summary = trainer.find_element(By.CSS_SELECTOR, "#item-injects-5 > summary")
        trainer.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
        summary.click()
        visible(trainer, "#f-injects-5-subject")
        self.assertEqual("10m", trainer.find_element(By.ID, "f-injects-5-at").get_attribute("value"), "moved, written as the file wrote it")
        wait_text(trainer, "#f-injects-5-if-words", "がまだ達成されておらず")
        screenshot(trainer, "ja-editor-inject", start="#item-injects-5")

        # Save: the version saved is announced.
        click(trainer, "#save-button")
        wait_text(trainer, "#save-status", "第 1 版として保存しました")
        wait_text(trainer, "#announcer", "第 1 版として保存しました")
        wait(trainer, lambda d: d.current_url.endswith(f"/editor.html?scenario={NEW_ID}"), "the address names the saved scenario")
        wait_text(trainer, "#editor-mode", "第 1 版を編集しています")
        self.assertEqual("true", trainer.execute_script("return String(document.getElementById('f-id').readOnly)"))
        screenshot(trainer, "ja-editor")
        self.assert_japanese_clean(trainer, "editor")

        # The library has it, as YAML, with every change.
        saved = api("GET", f"/scenarios/{NEW_ID}")
        self.assertEqual(1, saved["version"])
        source = saved["source"]
        self.assertIn("at: 10m", source)
        self.assertIn("ミナトシステム", source)
        self.assertNotIn("ハルカソフト", source)
        self.assertNotIn("{", source.split("\n", 1)[0], "saved as YAML, not JSON")

        # A drill from the saved scenario: its title, its text and the moved inject's time.
        created = api("POST", "/drills", {"scenario": NEW_ID})
        drill = api("GET", f"/drills/{created['id']}")
        self.assertEqual("ミナトシステム版 ニュースレター添付パンフレットからの漏えい", drill["title"])
        self.assertEqual(NEW_ID, drill["scenario_id"])
        self.assertIn("ミナトシステム株式会社", drill["briefing"])
        injects = {i["id"]: i for i in api("GET", f"/drills/{created['id']}/progress")["injects"]}
        self.assertEqual(600, injects["partner-angry"]["trigger"]["at_seconds"])
        self.assertEqual("サクラペイ株式会社 広報部 鈴木", injects["partner-angry"]["from"])

        # Someone saves version 2 meanwhile: this page's save is refused, said plainly, and the latest can be loaded.
        api("PUT", f"/scenarios/{NEW_ID}", {"source": source.replace("at: 10m", "at: 11m"), "base_version": 1})
        title = field_by_label(trainer, "タイトル")
        title.send_keys("（改）")
        wait_text(trainer, "#save-status", "未保存の変更があります")
        click(trainer, "#save-button")
        wait_text(trainer, "#save-conflict", "ほかの人が先にこのシナリオを保存しています")
        wait_text(trainer, "#save-conflict", "第 1 版のあとに、第 2 版が保存されています")
        wait_text(trainer, "#announcer", "保存されませんでした")
        self.assertEqual("conflict-reload", trainer.switch_to.active_element.get_attribute("id"))
        screenshot(trainer, "ja-editor-conflict")
        trainer.switch_to.active_element.send_keys(Keys.ENTER)
        wait(trainer, EC.alert_is_present(), "loading the latest asks first").accept()
        wait_text(trainer, "#editor-mode", "第 2 版を編集しています")
        self.assertEqual("11:00", timeline_row(trainer, "貴社配布資料における弊社連携情報").find_element(By.CSS_SELECTOR, "input").get_attribute("value"))

        # The same scenario on a 360 px phone: one column, nothing wider than the screen.
        phone = self.browser("ja", phone=True)
        phone.get(f"{BASE}/join/{TRAINER_TOKEN}")
        wait(phone, lambda d: "/console.html" in d.current_url, "signed in on the phone")
        phone.get(f"{BASE}/editor.html?scenario={NEW_ID}")
        visible(phone, "#editor")
        wait_text(phone, "#editor-mode", "第 2 版を編集しています")
        self.assertEqual(360, phone.execute_script("return window.innerWidth"))
        wait_text(phone, "#problems-title", "問題はありません")
        click(phone, "#item-injects-1 > summary")
        visible(phone, "#f-injects-1-subject")
        widths = phone.execute_script(
            "return Array.from(document.querySelectorAll('#editor input, #editor textarea, #editor select, #editor .card'))"
            ".filter(n => n.offsetParent !== null).map(n => n.getBoundingClientRect().right).filter(r => r > window.innerWidth + 1).length")
        self.assertEqual(0, widths, "no field runs off the screen")
        phone_screenshot(phone, "ja-editor")
        self.assert_clean(trainer, phone)


    def test_closed_items_draw_their_forms_when_opened(self):
        """The items' forms are drawn when first opened: a problem in a closed inject shows on
        its summary and in the list, whose link opens the inject at the field; find and
        replace changes closed items without drawing them and an open one's fields show it."""
        trainer = self.browser("ja")
        self.sign_in_trainer(trainer)
        trainer.get(f"{BASE}/editor.html")
        Select(visible(trainer, "#start-select")).select_by_value("newsletter-brochure-leak-ja")
        click(trainer, "#start-duplicate")
        wait_text(trainer, "#problems-title", "問題はありません")
        drawn = "return document.querySelectorAll('#editor-form details.item:not([open]) .field').length"
        self.assertEqual(0, trainer.execute_script(drawn), "no closed item has its form drawn")
        self.assertIsNone(trainer.execute_script("return document.getElementById('f-injects-5-subject')"))

        # Emptying the subject of inject 5 (closed) by find and replace: the problem is the item's.
        type_into(trainer, "#find-text", MOVED_SUBJECT)
        type_into(trainer, "#replace-text", "")
        wait_text(trainer, "#find-preview", "インジェクト『" + MOVED_SUBJECT + "』 › 件名")
        click(trainer, "#replace-button")
        wait_text(trainer, "#problems-title", "保存する前に直す問題が")
        self.assertEqual(0, trainer.execute_script(drawn), "replacing draws no closed item")
        item = trainer.find_element(By.ID, "item-injects-5")
        self.assertIsNone(item.get_attribute("open"))
        wait(trainer, lambda d: "has-problem" in item.get_attribute("class"), "the closed inject is marked")
        self.assertIn("要確認", item.find_element(By.CSS_SELECTOR, "summary").text)
        link = trainer.find_element(By.CSS_SELECTOR, "#problem-list a")
        self.assertIn("› 件名", link.text, "the list names the field, drawn or not")
        self.assertIn("subject", link.text)
        screenshot(trainer, "ja-editor-closed-problem")

        # The list's link opens the inject, draws its form and takes the reader to the field.
        link.click()
        wait(trainer, lambda d: d.switch_to.active_element.get_attribute("id") == "f-injects-5-subject", "the subject has the focus")
        self.assertIsNotNone(item.get_attribute("open"))
        subject = trainer.switch_to.active_element
        self.assertEqual("true", subject.get_attribute("aria-invalid"))
        self.assertIn("f-injects-5-subject-problem", subject.get_attribute("aria-describedby"))
        wait_text(trainer, "#f-injects-5-subject-problem", "subject")
        self.assertTrue(trainer.find_element(By.ID, "item-injects-5-problem").get_attribute("hidden") is not None, "moved from the item to its field")
        screenshot(trainer, "ja-editor-opened-problem", start="#item-injects-5")

        # Typed again; a replacement shows in the open inject's field, closed ones stay undrawn.
        subject.send_keys("【至急】連携情報の掲載について")
        wait_text(trainer, "#problems-title", "問題はありません")
        type_into(trainer, "#find-text", "連携情報")
        type_into(trainer, "#replace-text", "提携情報")
        wait_text(trainer, "#find-count", "か所見つかりました")
        click(trainer, "#replace-button")
        wait_text(trainer, "#find-count", "置き換えました")
        wait(trainer, lambda d: d.find_element(By.ID, "f-injects-5-subject").get_attribute("value") == "【至急】提携情報の掲載について",
             "the open inject's field shows the new text")
        self.assertEqual(0, trainer.execute_script(drawn), "replacing draws no closed item")

        # The timeline's link to an inject released by a condition opens it at its summary.
        target = trainer.find_element(By.CSS_SELECTOR, "#timeline-edit .tl-triggered a")
        index = target.get_attribute("href").rsplit("-", 1)[1]
        click(trainer, "#timeline-edit .tl-triggered a")
        wait(trainer, lambda d: d.switch_to.active_element.get_attribute("id") == f"item-injects-{index}-summary", "the summary has the focus")
        visible(trainer, f"#f-injects-{index}-when")
        self.assert_clean(trainer)

    def test_a_long_list_is_put_on_the_page_in_steps(self):
        """Of 300 injects the first are on the page at once and the rest follow when it is idle;
        moving one far down the list focuses its new place although a rebuild has put only the
        first ones back so far."""
        lines = ["firedrill: 1", "id: long-list", "title: Long list", "duration: 10h", "roles:",
                 "  - {id: desk, name: Desk}", "injects:"]
        lines += [f"  - {{id: i{n}, to: all, channel: chat, subject: Update {n}, at: {n}m}}" for n in range(1, 301)]
        lines += ["objectives:", "  - {id: ack, kind: acknowledge, target: 5m}"]
        api("POST", "/scenarios", {"source": "\n".join(lines) + "\n"})
        trainer = self.browser("ja")
        self.sign_in_trainer(trainer)
        trainer.get(f"{BASE}/editor.html?scenario=long-list")
        wait_js(trainer, "return document.querySelectorAll('#injects-list details.item').length === 300", "every inject is on the page")
        click(trainer, "#item-injects-150-summary")
        visible(trainer, "#item-injects-150-down")
        click(trainer, "#item-injects-150-down")
        wait(trainer, lambda d: d.switch_to.active_element.get_attribute("id") == "item-injects-151-down", "the moved inject's button has the focus")
        # (Items count from 0: item 150 was "Update 151".)
        self.assertIn("Update 152", trainer.find_element(By.ID, "item-injects-150-summary").text)
        self.assertIn("Update 151", trainer.find_element(By.ID, "item-injects-151-summary").text)
        wait_js(trainer, "return document.querySelectorAll('#injects-list details.item').length === 300", "every inject is on the page again")
        self.assert_clean(trainer)


if __name__ == "__main__":
    unittest.main(verbosity=2)
