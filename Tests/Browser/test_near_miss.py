"""Near misses in headless Chromium, in Japanese: the intake a reporter's link opens, and the
register the committee and the trainer read.

Run through Tests/Browser/run.sh with the other browser tests (same server, same helpers).
A few near misses are reported first through the API as the trainer. The trainer issues a
reporter's link; on an emulated 360 px phone in Japanese, a reporter opens it, meets the
page's own checks (beside each field, the first problem focused), reports a near miss
anonymously and starts another; the register (read through the API) holds it without a
name. Too many reports from one address get the polite "wait a little" and keep what was
typed. A committee member opens the register from the committee's page: the register with
its priority explained and its filters, the backlog with the scenarios covering each tag,
and the monthly digest, where they choose the month's most valuable near miss (the digest
prints on A4). The trainer plans a drill from the backlog: the editor starts a new scenario
with the tag. Screenshots in $FIREDRILL_ARTIFACTS.
"""
import base64
import datetime
import re
import shutil
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser import (ARTIFACTS, BASE, FORBIDDEN_JA, BrowserTest, api, click, phone_screenshot, screenshot, settle,
                          text_of, type_into, visible, visible_text, wait, wait_js, wait_text)

TODAY = datetime.date.today()
SEEDED = [
    {"title": "社外宛てのメールに社内資料を添付しかけた", "what_happened": "送信前の確認で、添付ファイルが社内向けの版だと気づいた。",
     "tags": ["誤送信", "メール"], "impact": 4, "occurred_on": str(TODAY - datetime.timedelta(days=3))},
    {"title": "宛先の候補表示で別の取引先を選びかけた", "what_happened": "名前の似た取引先が候補の一番上に出ていた。",
     "tags": ["誤送信"], "impact": 3, "occurred_on": str(TODAY - datetime.timedelta(days=10))},
    {"title": "不審なメールのリンクを開きかけた", "what_happened": "差出人の表示名が社内の部署名になっていた。",
     "tags": ["フィッシング"], "impact": 5, "occurred_on": str(TODAY - datetime.timedelta(days=1)),
     "anonymous": False, "name": "佐藤 一郎"},
    {"title": "共有フォルダーの公開範囲が全社になっていた", "what_happened": "プロジェクト終了後も権限が見直されていなかった。",
     "tags": ["アクセス権"], "impact": 2, "occurred_on": str(TODAY - datetime.timedelta(days=20))},
]
REPORTED = {
    "title": "顧客名簿をメールに添付して送る直前に気づいた",
    "what_happened": "宛先に社外の方が含まれていた。\n送信前の確認画面で気づいて取り消した。",
}
# Words that must not show on the Japanese pages, besides those of every page.
ENGLISH = ("Register", "Backlog", "digest", "Priority", "frequency", "impact", "Anonymous", "near miss", "Plan this drill")


def set_value(driver, css, value):
    """Sets a field as a person would (date fields differ by locale, so through the DOM) and says so."""
    driver.execute_script("const n = document.querySelector(arguments[0]); n.value = arguments[1];"
                          "n.dispatchEvent(new Event('input', {bubbles: true})); n.dispatchEvent(new Event('change', {bubbles: true}));",
                          css, value)


def capture(driver, filename, start=None):
    """The page as it is laid out now (its own width), all of it or from the element `start`
    down, as FILENAME; nothing may stick out sideways."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.execute_script("window.scrollTo(0, 0)")
    settle(driver)
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    width = int(metrics["cssLayoutViewport"]["clientWidth"])
    overflow = driver.execute_script("return document.documentElement.scrollWidth")
    assert overflow <= width + 1, f"{filename} at {width} px is {overflow} px wide"
    top = 0
    if start:
        top = int(driver.execute_script(
            "return document.querySelector(arguments[0]).getBoundingClientRect().top + window.scrollY", start))
    height = max(1, min(int(metrics["cssContentSize"]["height"]) - top, 9000))
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": top, "width": width, "height": height, "scale": 1}})
    (ARTIFACTS / filename).write_bytes(base64.b64decode(shot["data"]))


def register_rows(driver):
    """The entries the register's table shows, as (number, reporter)."""
    return [tuple(row) for row in driver.execute_script(
        "return Array.from(document.querySelectorAll('#register-table tbody tr.entry-row'))"
        ".map(r => [Number(r.dataset.entry), r.querySelector('.col-reporter').textContent.trim()])")]


def attribute(driver, css, name):
    return driver.execute_script("const n = document.querySelector(arguments[0]); return n ? n.getAttribute(arguments[1]) : null", css, name)


class NearMissTest(BrowserTest):
    def assert_japanese_clean(self, driver, where):
        text = visible_text(driver)
        for word in (*FORBIDDEN_JA, *ENGLISH):
            self.assertNotIn(word, text, f"{where}: {word!r} shows")
        self.assertNotRegex(text, r"fd[rc]_", f"{where}: a token shows")

    def test_near_misses_in_japanese(self):
        # Near misses reported earlier, through the API.
        seeded = [api("POST", "/near-misses", entry)["id"] for entry in SEEDED]
        named = seeded[2]

        # The trainer issues a reporter's link; a reporter opens it on a phone, in Japanese.
        issued = api("POST", "/tokens", {"kind": "reporter", "name": "全社員"})
        self.assertRegex(issued["link"], r"/join/fdr_")
        phone = self.browser("ja", phone=True)
        phone.get(issued["link"])
        wait(phone, lambda d: d.current_url.endswith("/near-miss.html"), "the link lands on the intake")
        self.assertNotIn("fdr_", phone.current_url, "the secret left the address bar")
        visible(phone, "#nm-form")
        self.assertEqual("ja", phone.execute_script("return document.documentElement.lang"))
        wait_text(phone, ".topbar", "ヒヤリハットの報告")
        promise = text_of(phone, ".promise")
        self.assertIn("評価", promise)
        self.assertIn("不利になることは一切ありません", promise)
        self.assertIn("報告は匿名です", promise)
        self.assertFalse(phone.find_element(By.ID, "nm-with-name").is_selected(), "anonymous unless they say otherwise")
        self.assertFalse(phone.find_element(By.ID, "nm-name").is_displayed(), "no name field until asked for")
        self.assertEqual(str(TODAY), phone.find_element(By.ID, "nm-date").get_attribute("value"), "the date is today")
        self.assertEqual(5, len(phone.find_elements(By.CSS_SELECTOR, 'input[name="nm-impact"]')))
        self.assertIn("重大", text_of(phone, "#nm-impact-options"))
        self.assertIn("情報漏えいや長時間の停止", text_of(phone, "#nm-impact-options"))
        phone_screenshot(phone, "near-miss")
        self.assert_japanese_clean(phone, "intake")

        # The page's own checks: beside each field, described, the first problem focused.
        click(phone, "#nm-submit")
        wait_text(phone, "#nm-title-error", "入力してください")
        self.assertEqual("nm-title", phone.switch_to.active_element.get_attribute("id"), "the first problem has the focus")
        self.assertEqual("true", attribute(phone, "#nm-title", "aria-invalid"))
        self.assertIn("nm-title-error", attribute(phone, "#nm-title", "aria-describedby"))
        wait_text(phone, "#nm-impact-error", "影響度を 1〜5 から選んでください")
        wait_text(phone, "#nm-status", "3 か所を直してください")
        type_into(phone, "#nm-title", REPORTED["title"])
        self.assertTrue(phone.find_element(By.ID, "nm-title-error").get_attribute("hidden") is not None, "fixing a field clears its message")
        phone.find_element(By.ID, "nm-what").send_keys(REPORTED["what_happened"])
        type_into(phone, "#nm-tags", "誤送信，ＰＤＦ、メール, pdf")
        wait(phone, lambda d: [e.text for e in d.find_elements(By.CSS_SELECTOR, "#nm-tag-preview .nm-tag")] == ["誤送信", "ＰＤＦ", "メール"],
             "the tags as they will be sent: split at every kind of comma, repeats once")
        click(phone, '#nm-tag-suggestions button[aria-label="タグ「個人情報」を追加"]')
        self.assertEqual("誤送信、ＰＤＦ、メール、個人情報", phone.find_element(By.ID, "nm-tags").get_attribute("value"))
        click(phone, '.impact-option:has(input[value="4"])')
        set_value(phone, "#nm-date", str(TODAY + datetime.timedelta(days=3)))
        click(phone, "#nm-with-name")
        wait(phone, lambda d: d.switch_to.active_element.get_attribute("id") == "nm-name", "the name field opens, focused")
        click(phone, "#nm-submit")
        wait_text(phone, "#nm-date-error", "未来の日付になっています")
        wait_text(phone, "#nm-name-error", "お名前を入力するか")
        self.assertEqual("nm-date", phone.switch_to.active_element.get_attribute("id"))
        set_value(phone, "#nm-date", str(TODAY - datetime.timedelta(days=1)))
        click(phone, "#nm-with-name")    # anonymous after all
        wait(phone, lambda d: not d.find_element(By.ID, "nm-name").is_displayed(), "the name field closes")
        self.assertFalse(phone.find_element(By.ID, "nm-name-error").is_displayed())

        # A refusal of the server (422) shows beside the field it names, in Japanese (the server's
        # answer stood in for once: the page's checks already keep out what the server refuses).
        phone.execute_script("""
            const real = window.fetch;
            window.fetch = (url, init) => {
              window.fetch = real;
              return Promise.resolve(new Response(JSON.stringify({error: {code: 'invalid_near_miss',
                message: "'title': 205 characters; the limit is 200"}}), {status: 422, headers: {'Content-Type': 'application/json'}}));
            };""")
        click(phone, "#nm-submit")
        wait_text(phone, "#nm-title-error", "205 文字あります。200 文字以内にしてください。")
        self.assertEqual("nm-title", phone.switch_to.active_element.get_attribute("id"))
        self.assertEqual("true", attribute(phone, "#nm-title", "aria-invalid"))

        # Sent: the thanks with its number, anonymous; the register has it without a name.
        click(phone, "#nm-submit")
        visible(phone, "#thanks")
        wait_text(phone, "#thanks", "ご報告ありがとうございました")
        wait_text(phone, "#thanks", "匿名で受け付けました")
        number = int(re.search(r"受付番号は (\d+) 番です", text_of(phone, "#thanks")).group(1))
        self.assertFalse(phone.find_element(By.ID, "nm-form").is_displayed())
        capture(phone, "near-miss-sent.png")
        self.assert_japanese_clean(phone, "thanks")
        register = api("GET", "/near-misses?limit=500")
        ours = [e for e in register["near_misses"] if e["id"] == number]
        self.assertEqual(1, len(ours), "the report is in the register")
        self.assertNotIn("name", ours[0], "an anonymous report carries no name")
        self.assertEqual(["誤送信", "ＰＤＦ", "メール", "個人情報"], ours[0]["tags"])
        self.assertEqual(4, ours[0]["impact"])
        self.assertEqual(str(TODAY - datetime.timedelta(days=1)), ours[0]["occurred_on"])
        self.assertEqual(REPORTED["what_happened"], ours[0]["what_happened"], "line breaks kept")

        # Another report: the form again, empty, anonymous, dated today.
        click(phone, "#nm-another")
        visible(phone, "#nm-form")
        self.assertEqual("nm-title", phone.switch_to.active_element.get_attribute("id"))
        self.assertEqual("", phone.find_element(By.ID, "nm-title").get_attribute("value"))
        self.assertEqual(str(TODAY), phone.find_element(By.ID, "nm-date").get_attribute("value"))
        self.assertFalse(phone.find_element(By.ID, "nm-with-name").is_selected())

        # Too many reports from one address within the hour (10): asked to wait, what was typed kept.
        for i in range(10 - len(SEEDED) - 1):
            api("POST", "/near-misses", {"title": f"印刷物の置き忘れ（{i + 1} 件目）", "what_happened": "複合機に印刷物が残っていた。",
                                         "tags": ["置き忘れ"], "impact": 2, "occurred_on": str(TODAY)})
        type_into(phone, "#nm-title", "会議室のホワイトボードに記載が残っていた")
        type_into(phone, "#nm-what", "前の会議の顧客名が消されていなかった。")
        click(phone, '.impact-option:has(input[value="2"])')
        click(phone, "#nm-submit")
        wait_text(phone, "#nm-error", "少し時間をおいてから")
        self.assertEqual("status", attribute(phone, "#nm-error > div", "role"), "said politely, not as an alarm")
        self.assertEqual("会議室のホワイトボードに記載が残っていた", phone.find_element(By.ID, "nm-title").get_attribute("value"))
        self.assertFalse(phone.find_element(By.ID, "thanks").is_displayed())
        self.assert_japanese_clean(phone, "too many reports")
        self.assert_clean(phone)

        # The same link in an English browser: the page in English.
        english = self.browser("en-US", phone=True)
        english.get(issued["link"])
        visible(english, "#nm-form")
        wait_text(english, ".promise", "never counts against you")
        self.assertEqual("Report with my name", text_of(english, ".check-line").strip())
        self.assertIn("Severe", text_of(english, "#nm-impact-options"))
        phone_screenshot(english, "en-near-miss")
        self.assert_clean(english)

        # A committee member opens the register from the committee's page.
        committee = api("POST", "/tokens", {"kind": "committee", "name": "情報セキュリティ委員会"})
        member = self.browser("ja")
        member.get(committee["link"])
        wait(member, lambda d: d.current_url.endswith("/committee.html"), "the committee's page")
        wait_text(member, "#near-misses-link", "ヒヤリハット登録簿")
        click(member, "#near-misses-link")
        wait(member, lambda d: "/near-misses.html" in d.current_url, "the near-miss register")
        wait_text(member, ".topbar", "ヒヤリハット登録簿")
        wait(member, lambda d: number in {n for n, _ in register_rows(d)}, "the report is in the register")
        rows = dict(register_rows(member))
        self.assertEqual("匿名", rows[number])
        self.assertEqual("佐藤 一郎", rows[named], "a reporter who gave their name is named")
        self.assertEqual("true", attribute(member, "#tab-register", "aria-selected"))
        wait_text(member, "#priority-legend", "優先度 ＝ 頻度 × 影響度 × 訓練からの経過")
        row = f'#register-table tr[data-entry="{number}"]'
        self.assertRegex(text_of(member, f"{row} .col-priority"), r"^\d+頻度 \d+ × 影響度 4 × 経過 [123]$")
        self.assertIn("4（大きい）", text_of(member, f"{row} .col-impact"))
        self.assertIn("個人情報", text_of(member, f"{row} .col-tags"))
        wait_text(member, "#register-count", "件中 1〜")
        priorities = member.execute_script("return Array.from(document.querySelectorAll('#register-table .priority-n')).map(n => Number(n.textContent))")
        self.assertEqual(sorted(priorities, reverse=True), priorities, "highest priority first")
        screenshot(member, "near-misses-register-table", start="#panel-register")
        capture(member, "near-misses-register.png")

        # Filters: one tag, then the month.
        Select(member.find_element(By.ID, "r-tag")).select_by_visible_text("フィッシング")
        wait(member, lambda d: [n for n, _ in register_rows(d)] == [named], "only the phishing near miss")
        click(member, "#register-filter button[type=reset]")
        wait(member, lambda d: number in {n for n, _ in register_rows(d)}, "all again")
        months = [o.get_attribute("value") for o in member.find_elements(By.CSS_SELECTOR, "#r-month option")]
        self.assertEqual(["", TODAY.strftime("%Y-%m")], months[:2])
        self.assertIn(f"{TODAY.year}年{TODAY.month}月", text_of(member, "#r-month"))
        Select(member.find_element(By.ID, "r-month")).select_by_value(months[2])
        wait_text(member, "#register-table", "条件に合うヒヤリハットはありません")
        click(member, "#register-filter button[type=reset]")
        wait(member, lambda d: number in {n for n, _ in register_rows(d)}, "all again")
        self.assert_japanese_clean(member, "register")

        # The backlog: tags by priority, with the scenarios that cover them; the committee does not plan drills.
        click(member, "#tab-backlog")
        visible(member, "#panel-backlog")
        self.assertEqual("true", attribute(member, "#tab-backlog", "aria-selected"))
        self.assertTrue(member.current_url.endswith("#backlog"))
        wait_js(member, "return document.querySelectorAll('.backlog-item').length >= 5", "the tags of the backlog")
        tags = member.execute_script("return Array.from(document.querySelectorAll('.backlog-item')).map(i => i.dataset.tag)")
        self.assertIn("誤送信", tags)
        badge = [int(re.search(r"優先度 (\d+)", b).group(1)) for b in member.execute_script(
            "return Array.from(document.querySelectorAll('.backlog-item .priority-badge')).map(n => n.textContent)")]
        self.assertEqual(sorted(badge, reverse=True), badge, "tags by their highest priority")
        misdirected = [s["title"] for s in api("GET", "/scenarios")["scenarios"] if s["name"] == "misdirected-personal-data-ja"][0]
        wait_text(member, '.backlog-item[data-tag="誤送信"] .backlog-cover', misdirected)
        self.assertRegex(text_of(member, '.backlog-item[data-tag="誤送信"] .backlog-cover'), r"未実施|最終実施")
        wait_text(member, '.backlog-item[data-tag="アクセス権"] .backlog-cover', "対応するシナリオなし")
        wait_text(member, "#backlog-list", "トレーナーがシナリオ編集画面で行います")
        self.assertEqual(0, len(member.find_elements(By.CSS_SELECTOR, ".plan-link")), "only the trainer plans drills")
        screenshot(member, "near-misses-backlog-list", start="#panel-backlog")
        capture(member, "near-misses-backlog.png")
        self.assert_japanese_clean(member, "backlog")

        # The digest of this month: counts, tags, and the most valuable near miss, chosen here.
        click(member, "#tab-digest")
        visible(member, "#panel-digest")
        wait_text(member, "#digest", f"{TODAY.year}年{TODAY.month}月に報告されたヒヤリハット")
        wait_text(member, "#digest-count", "10 件")
        wait_text(member, "#digest .tag-counts", "誤送信")
        wait_text(member, "#digest-best", "まだ選ばれていません")
        pick = f'#digest tr[data-entry="{number}"] .pick-button'
        self.assertEqual("今月の最優秀ヒヤリハットに選ぶ", text_of(member, pick))
        click(member, pick)
        wait_text(member, "#digest-best", REPORTED["title"])
        wait_text(member, "#digest-result", f"{TODAY.year}年{TODAY.month}月の最優秀ヒヤリハットに選びました")
        wait_text(member, f'#digest tr[data-entry="{number}"]', "★ 今月の最優秀")
        self.assertEqual("選択を取り消す", text_of(member, pick))
        digest = api("GET", "/near-misses/digest")
        self.assertEqual(number, digest["most_valuable"]["id"])
        self.assertEqual(str(TODAY.strftime("%Y-%m")), [e for e in api("GET", "/near-misses?limit=500")["near_misses"] if e["id"] == number][0]["most_valuable_of"])
        screenshot(member, "near-misses-digest-sheet", start="#panel-digest")
        capture(member, "near-misses-digest.png")
        self.assert_japanese_clean(member, "digest")
        pdf = base64.b64decode(member.execute_cdp_cmd("Page.printToPDF", {
            "paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True, "printBackground": True})["data"])
        (ARTIFACTS / "near-misses-digest.pdf").write_bytes(pdf)
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(1, len(re.findall(rb"/Type\s*/Page[^s]", pdf)), "a month of ten near misses prints on one A4 page")
        for old in ARTIFACTS.glob("near-misses-digest-print*.png"):
            old.unlink()
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", "70", str(ARTIFACTS / "near-misses-digest.pdf"),
                            str(ARTIFACTS / "near-misses-digest-print")], check=False)
        # The register marks it too.
        click(member, "#tab-register")
        wait_text(member, f'#register-table tr[data-entry="{number}"]', "の最優秀")
        self.assert_clean(member)

        # The trainer reaches the register from the console and plans a drill for a tag of the backlog.
        trainer = self.browser("ja")
        self.sign_in_trainer(trainer)
        wait_text(trainer, "#reporter-card", "ヒヤリハット")
        self.assertEqual("/near-misses.html?as=trainer", trainer.find_element(By.ID, "near-misses-link").get_attribute("href").replace(BASE, ""))
        wait_text(trainer, "#reporter-tokens", "全社員")
        # Another reporting link, issued on the console, shown once.
        type_into(trainer, "#reporter-name", "営業部")
        click(trainer, "#reporter-issue")
        link = wait(trainer, lambda d: d.find_element(By.ID, "reporter-new-link").get_attribute("value"), "the link is shown")
        self.assertRegex(link, r"/join/fdr_")
        wait_text(trainer, "#reporter-issued", "表示されるのは今だけです")
        wait_text(trainer, "#reporter-tokens", "営業部")
        screenshot(trainer, "ja-console-near-misses", start="#reporter-card")
        self.assertNotIn("/join/fdr_", text_of(trainer, "#committee-card"), "each card its own kind of link")
        click(trainer, "#near-misses-link")
        wait(trainer, lambda d: "/near-misses.html" in d.current_url, "the register, as the trainer")
        click(trainer, "#tab-backlog")
        plan = '.backlog-item[data-tag="アクセス権"] .plan-link'
        visible(trainer, plan)
        self.assertEqual("この訓練を計画する", text_of(trainer, plan))
        self.assertEqual("/editor.html?new=1&tags=%E3%82%A2%E3%82%AF%E3%82%BB%E3%82%B9%E6%A8%A9", attribute(trainer, plan, "href"))
        click(trainer, plan)
        wait(trainer, lambda d: "/editor.html" in d.current_url, "the scenario editor")
        visible(trainer, "#editor")
        wait(trainer, lambda d: d.find_element(By.ID, "f-tags").get_attribute("value") == "アクセス権", "a new scenario with the tag")
        self.assertTrue(trainer.find_element(By.ID, "start").get_attribute("hidden") is not None, "no choice of a scenario first")
        self.assert_clean(trainer)


if __name__ == "__main__":
    import unittest
    unittest.main()
