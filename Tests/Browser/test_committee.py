"""The ISMS committee's page (/committee.html) in headless Chromium, in Japanese.

Run through Tests/Browser/run.sh with the other browser tests (same server, same helpers).
Three drills are recorded first through the API as the trainer (two complete, one ended
early); the trainer issues the committee's link on the console; a committee member opens
it, finds the drills, checks a record, filters, adds a corrective action worded against a
person and weak (the review before saving shows the warning and the strength with its
suggestion), revises the action, records it as written and sees the warning again, rewords
it in place of the first, closes another action with evidence, uses the
open and overdue filters, looks at the trends, and prints the one-page summary (A4, checked
in the PDF). Screenshots at laptop and 360 px phone widths.
"""
import base64
import datetime
import re
import shutil
import subprocess
import time
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser import (ARTIFACTS, BASE, FORBIDDEN_JA, BrowserTest, api, api_as, click, screenshot, settle, text_of,
                          type_into, visible, visible_text, wait, wait_js, wait_text)

NEWSLETTER = "newsletter-brochure-leak-ja"
PHISHING = "phishing-mail-reached-staff-ja"
SCENARIO_IDS = ("newsletter-brochure-leak", "phishing-mail-reached-staff")
BLAMING = "担当者の不注意で上長への報告が遅れた"
NEUTRAL = "会議中の上長に電話で報告する手順がなく、上長への報告が遅れた"
WEAK = "上長への報告手順を周知する"


def record_drill(scenario, actions, wait_for, end_early=False):
    """A drill run through the API as the trainer: started at 60× (one drill minute a second),
    the actions posted once the drill clock passes `wait_for` seconds, then run to its end at
    high speed, or ended by the trainer (the drill then ends early). Returns its id."""
    created = api("POST", "/drills", {"scenario": scenario, "speed": 60})
    drill = created["id"]
    api("POST", f"/drills/{drill}/start")
    deadline = time.time() + 60
    while api("GET", f"/drills/{drill}")["drill_seconds"] < wait_for:
        if time.time() > deadline:
            raise AssertionError(f"the drill clock of {drill} did not reach {wait_for} s")
        time.sleep(0.2)
    for role, command in actions:
        status, answer = api_as(created["tokens"]["players"][role], "POST", f"/drills/{drill}/actions", {"role": role, "command": command})
        assert status == 201, answer
    if end_early:
        api("POST", f"/drills/{drill}/end")
    else:
        api("POST", f"/drills/{drill}/speed", {"speed": 50000})
    while api("GET", f"/drills/{drill}")["status"] != "finished":
        if time.time() > deadline:
            raise AssertionError(f"{drill} did not finish")
        time.sleep(0.2)
    return drill


def set_value(driver, css, value):
    """Sets a field as a person would (date fields differ by locale, so through the DOM) and says so."""
    driver.execute_script("const n = document.querySelector(arguments[0]); n.value = arguments[1];"
                          "n.dispatchEvent(new Event('input', {bubbles: true})); n.dispatchEvent(new Event('change', {bubbles: true}));",
                          css, value)


def drill_rows(driver):
    return driver.execute_script("return Array.from(document.querySelectorAll('#drill-table tbody tr')).map(r => r.dataset.run)")


def plan_rows(driver):
    """The actions the plan's table shows, as (number, state)."""
    return [tuple(row) for row in driver.execute_script(
        "return Array.from(document.querySelectorAll('#plan-table tbody tr.action-row')).map(r => [Number(r.dataset.action), r.dataset.state])")]


def pdf_pages(pdf):
    """The number of pages of a PDF: pdfinfo when installed, else its page objects."""
    if shutil.which("pdfinfo"):
        path = ARTIFACTS / "committee-summary.pdf"
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


class CommitteeTest(BrowserTest):
    def assert_japanese_clean(self, driver, where, ids=()):
        text = visible_text(driver)
        for word in FORBIDDEN_JA:
            self.assertNotIn(word, text, f"{where}: {word!r} shows")
        for ident in (*SCENARIO_IDS, *ids):
            self.assertNotRegex(text, rf"(?<![\w-]){re.escape(ident)}(?![\w-])", f"{where}: the id {ident!r} shows")

    def test_committee_workspace_in_japanese(self):
        # Three drills recorded through the API: two complete, one ended early.
        complete = record_drill(NEWSLETTER, [
            ("promotion", "ack PDF の 6 ページに未発表の連携が載っているのを確認しました。"),
            ("promotion", "escalate supervisor via phone 山本部長、パンフレットの件で至急ご相談です。"),
        ], wait_for=190)
        early = record_drill(NEWSLETTER, [("promotion", "ack 確認しました。")], wait_for=190, end_early=True)
        phishing = record_drill(PHISHING, [
            ("helpdesk", "ack チケットを受け付けました。フィッシングのようです。"),
            ("helpdesk", "escalate it-security フィッシングメールの問い合わせが来ています。"),
        ], wait_for=130)
        ours = {complete, early, phishing}
        history = {r["run_id"]: r for r in api("GET", "/history?limit=1000")}
        self.assertFalse(history[early]["complete"], "the drill ended by the trainer ended early")
        self.assertTrue(history[complete]["complete"])
        # Two actions already in the plan: one overdue (to be seen), one to close.
        today = datetime.date.today()
        overdue = api("POST", "/actions", {"run": phishing, "issue": "問い合わせ窓口の一覧が古かった", "corrective_action": "窓口一覧を四半期ごとに更新する",
                                           "capability": "planning", "responsible_org": "総務部", "due_date": str(today - datetime.timedelta(days=10))})["id"]
        to_close = api("POST", "/actions", {"run": complete, "issue": "差し替え手順が文書になっていなかった", "corrective_action": "差し替え手順書を作る",
                                            "capability": "organization", "responsible_org": "マーケティング本部", "due_date": str(today + datetime.timedelta(days=30))})["id"]

        # The trainer issues the committee's link on the console, in Japanese.
        trainer = self.browser("ja")
        self.sign_in_trainer(trainer)
        wait_text(trainer, "#committee-card", "委員会の記録")
        self.assertEqual("委員会の記録を開く", visible(trainer, "#committee-link").text)
        self.assertEqual("/committee.html?as=trainer", trainer.find_element(By.ID, "committee-link").get_attribute("href").replace(BASE, ""))
        self.assertEqual("委員会用リンクを発行", trainer.find_element(By.ID, "committee-issue").text)
        type_into(trainer, "#committee-name", "情報セキュリティ委員会（12 月）")
        click(trainer, "#committee-issue")
        link = wait(trainer, lambda d: d.find_element(By.ID, "committee-new-link").get_attribute("value"), "the link is shown")
        self.assertRegex(link, r"/join/fdc_")
        wait_text(trainer, "#committee-issued", "表示されるのは今だけです")
        self.assertIn("コピー", text_of(trainer, "#committee-issued"))
        wait_text(trainer, "#committee-tokens", "情報セキュリティ委員会（12 月）")
        screenshot(trainer, "ja-console-committee", start="#committee-card")
        self.assert_clean(trainer)

        # The trainer's own view of the committee's page.
        click(trainer, "#committee-link")
        wait(trainer, lambda d: "/committee.html" in d.current_url, "the committee's page, as the trainer")
        wait_text(trainer, "#signed-in-as", "トレーナーとして表示しています")
        wait(trainer, lambda d: complete in drill_rows(d), "the trainer sees the drills")
        visible(trainer, '#committee[aria-busy="false"]')

        # A member of the committee opens the link: the page lists the recorded drills and the plan.
        member = self.browser("ja")
        member.get(link)
        wait(member, lambda d: d.current_url.endswith("/committee.html"), "the link lands on the committee's page")
        self.assertNotIn("fdc_", member.current_url, "the secret left the address bar")
        wait_text(member, ".topbar", "委員会の記録")
        self.assertEqual("ja", member.execute_script("return document.documentElement.lang"))
        wait_text(member, "#signed-in-as", "情報セキュリティ委員会（12 月）")
        wait(member, lambda d: ours <= set(drill_rows(d)), "our three drills are listed")
        visible(member, '#committee[aria-busy="false"]')   # the reports of the server drills are in too
        row = f'#drill-table tr[data-run="{early}"]'
        wait_text(member, row, "途中で終了")
        wait_text(member, row, "ニュースレター添付パンフレット")
        wait_text(member, f'#drill-table tr[data-run="{complete}"]', "目標中")
        wait_text(member, f'#drill-table tr[data-run="{complete}"]', "商品企画部")
        wait(member, lambda d: {overdue, to_close} <= {a for a, _ in plan_rows(d)}, "the plan lists both actions")

        # Each server drill opens its report (a document of its own) and its record's check.
        report = member.find_element(By.CSS_SELECTOR, f'#drill-table tr[data-run="{complete}"] a[href*="/report?format=html"]')
        self.assertEqual("_blank", report.get_attribute("target"))
        self.assertIn("as=committee", report.get_attribute("href"))
        status = member.execute_script(
            "return fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.status + ' ' + r.headers.get('Content-Type'))", report.get_attribute("href"))
        self.assertTrue(status.startswith("200 text/html"), status)
        click(member, f'#drill-table tr[data-run="{complete}"] .col-report button')
        wait_text(member, f'#drill-table tr[data-run="{complete}"] .verify-result', "改ざんは見つかりませんでした")
        screenshot(member, "ja-committee-drills")

        # Filters: scenario, department, period.
        Select(member.find_element(By.ID, "f-scenario")).select_by_visible_text(history[phishing]["scenario_title"])
        wait(member, lambda d: phishing in drill_rows(d) and complete not in drill_rows(d), "only the phishing drills")
        wait_text(member, "#drill-count", "件中")
        click(member, "#drill-filter button[type=reset]")
        wait(member, lambda d: ours <= set(drill_rows(d)), "all drills again")
        Select(member.find_element(By.ID, "f-department")).select_by_visible_text("商品企画部")
        wait(member, lambda d: complete in drill_rows(d) and phishing not in drill_rows(d), "only the drills product planning took part in")
        # "Download the evidence" for the drills shown: one ZIP of exactly those runs.
        wait_text(member, "#export-note", "圧縮ファイル")
        self.assertTrue(member.find_element(By.ID, "export-button").is_enabled())
        href = member.find_element(By.ID, "export-button").get_attribute("data-href")
        self.assertIn("run=", href)
        self.assertNotIn(phishing, href)
        fetched = member.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch(arguments[0], { credentials: 'same-origin' }).then(async (r) => {
                const bytes = new Uint8Array(await r.arrayBuffer());
                const text = new TextDecoder('latin1').decode(bytes);
                done({ status: r.status, type: r.headers.get('content-type'), zip: bytes[0] === 0x50 && bytes[1] === 0x4b, text });
            }).catch((e) => done({ status: 0, error: String(e) }));""", href)
        self.assertEqual(200, fetched["status"], fetched)
        self.assertEqual("application/zip", fetched["type"])
        self.assertTrue(fetched["zip"])
        self.assertIn(f"{complete}.html", fetched["text"])
        self.assertIn("runs.csv", fetched["text"])
        self.assertNotIn(f"{phishing}.html", fetched["text"])
        click(member, "#drill-filter button[type=reset]")
        set_value(member, "#f-until", str(today - datetime.timedelta(days=400)))
        wait(member, lambda d: not (ours & set(drill_rows(d))), "no drill of ours that long ago")
        click(member, "#drill-filter button[type=reset]")
        wait(member, lambda d: ours <= set(drill_rows(d)), "all drills again")

        # A corrective action worded against a person: recorded, and the warning shows at once.
        click(member, f'#drill-table tr[data-run="{complete}"] .col-plan .btn')
        wait(member, lambda d: d.find_element(By.ID, "a-run").get_attribute("value") == complete, "the form names the drill")
        self.assertEqual("a-issue", member.switch_to.active_element.get_attribute("id"), "the form has the focus")
        wait_js(member, "return Array.from(document.querySelectorAll('#a-objective option')).some(o => o.textContent.includes('上長に電話または対面で報告する'))",
                "the drill's objectives by name")
        Select(member.find_element(By.ID, "a-objective")).select_by_visible_text("上長に電話または対面で報告する")
        type_into(member, "#a-issue", BLAMING)
        type_into(member, "#a-action", WEAK)
        Select(member.find_element(By.ID, "a-capability")).select_by_visible_text("計画")
        type_into(member, "#a-org", "マーケティング本部")
        type_into(member, "#a-role", "プロモーション担当")
        set_value(member, "#a-due", str(today + datetime.timedelta(days=60)))
        # Reviewed before anything is recorded: the wording warning, and the weak action with how to make it last.
        recorded = len(api("GET", "/actions"))
        click(member, "#add-submit")
        wait_text(member, "#add-review .warning", "課題")
        self.assertEqual("不注意", text_of(member, "#add-review .warning mark"))
        self.assertIn("まだ登録していません", text_of(member, "#add-review"))
        wait_text(member, '#add-review .strength-advice[data-strength="weak"]', "対策の強さ：")
        self.assertIn("弱い", text_of(member, "#add-review .strength-chip"))
        self.assertIn("強くするには：", text_of(member, "#add-review"))
        self.assertEqual("alert", member.find_element(By.CSS_SELECTOR, "#add-review > div").get_attribute("role"))
        self.assertEqual(recorded, len(api("GET", "/actions")), "nothing recorded by the review")
        screenshot(member, "ja-committee-review", start="#add-section")
        # Revise first: back to the first field with a warning; a stronger action.
        click(member, "#add-review .review-revise")
        wait(member, lambda d: not d.find_element(By.ID, "add-review").is_displayed(), "the review closes")
        self.assertEqual("a-issue", member.switch_to.active_element.get_attribute("id"))
        type_into(member, "#a-action", "上長が会議中のときの電話連絡の手順を定める")
        click(member, "#add-submit")
        wait_text(member, "#add-review .warning", "課題")
        self.assertIn("中程度", text_of(member, "#add-review .strength-chip"))
        self.assertNotIn("強くするには：", text_of(member, "#add-review"), "a suggestion only for a weak action")
        # Record it as written: the warning shows again with what was recorded.
        click(member, "#add-review .review-save")
        wait_text(member, "#plan-result", "を登録しました")
        wait_text(member, "#plan-result .warning", "課題")
        self.assertEqual("不注意", text_of(member, "#plan-result .warning mark"))
        self.assertIn("「人」について書かれている箇所", text_of(member, "#plan-result"))
        self.assertIn("書き換えの例", text_of(member, "#plan-result"))
        self.assertEqual("alert", member.find_element(By.CSS_SELECTOR, "#plan-result > div").get_attribute("role"))
        first = int(re.search(r"#(\d+) を登録しました", text_of(member, "#plan-result")).group(1))
        self.assertIn(first, [a for a, _ in plan_rows(member)])
        screenshot(member, "ja-committee-warning", start="#plan-section")

        # Reword it: the form comes back filled; the new action replaces the first.
        click(member, "#revise-button")
        wait(member, lambda d: d.find_element(By.ID, "a-issue").get_attribute("value") == BLAMING, "the text is back in the form")
        self.assertEqual("a-issue", member.switch_to.active_element.get_attribute("id"))
        wait_text(member, "#add-replacing", f"#{first} の表現を直しています")
        type_into(member, "#a-issue", NEUTRAL)
        click(member, "#add-submit")
        wait_text(member, "#plan-result", f"#{first} を置き換え済みとして完了にしました")
        wait_text(member, "#plan-result", "指摘はありませんでした")
        second = int(re.search(r"是正措置 #(\d+) を登録し", text_of(member, "#plan-result")).group(1))
        wait(member, lambda d: (first, "closed") in plan_rows(d) and (second, "open") in plan_rows(d), "the reworded action replaces the first")
        self.assertEqual("上長に電話または対面で報告する",
                         text_of(member, f'#plan-table tr[data-action="{second}"] .col-objective').strip(), "linked to the objective, by name")
        self.assertIn("中程度", text_of(member, f'#plan-table tr[data-action="{second}"] .col-action .strength-chip'), "each action's strength")
        self.assertIn("標準化", text_of(member, f'#plan-table tr[data-action="{second}"] .col-action .strength-why'))

        # Close another with evidence.
        click(member, f'#plan-table tr[data-action="{to_close}"] .close-button')
        evidence = visible(member, "#close-evidence")
        self.assertEqual("close-evidence", member.switch_to.active_element.get_attribute("id"))
        evidence.send_keys("差し替え手順書（第 1 版）を共有フォルダーに掲載し、12 月の訓練で確認した。")
        click(member, ".close-form button[type=submit]")
        wait_text(member, "#plan-result", f"#{to_close} を完了として記録しました")
        wait(member, lambda d: (to_close, "closed") in plan_rows(d), "closed")
        wait_text(member, f'#plan-table tr[data-action="{to_close}"] .col-evidence', "差し替え手順書（第 1 版）")
        wait_text(member, f'#plan-table tr[data-action="{to_close}"] .col-evidence .strength-chip', "中程度")
        saved = [a for a in api("GET", "/actions") if a["id"] == to_close][0]
        self.assertEqual("closed", saved["status"])

        # The filters: overdue, open, closed.
        click(member, 'input[name="plan-state"][value="overdue"]')
        wait(member, lambda d: plan_rows(d) and all(s == "overdue" for _, s in plan_rows(d)), "only overdue actions")
        self.assertIn((overdue, "overdue"), plan_rows(member))
        wait_text(member, "#plan-table", "期限超過")
        click(member, 'input[name="plan-state"][value="open"]')
        wait(member, lambda d: (second, "open") in plan_rows(d) and all(s in ("open", "overdue") for _, s in plan_rows(d)), "open ones, overdue included")
        self.assertIn((overdue, "overdue"), plan_rows(member))
        click(member, 'input[name="plan-state"][value="closed"]')
        wait(member, lambda d: {to_close, first} <= {a for a, s in plan_rows(d) if s == "closed"} and all(s == "closed" for _, s in plan_rows(d)), "closed ones")
        click(member, 'input[name="plan-state"][value="all"]')

        # Trends: charts by scenario with the run ended early ringed, and by department.
        Select(member.find_element(By.ID, "trends-group")).select_by_visible_text(history[complete]["scenario_title"])
        wait_js(member, "return document.querySelectorAll('#trends-body svg.trend-chart').length >= 3", "charts")
        wait_js(member, "return document.querySelectorAll('#trends-body circle.dot.early').length >= 1", "the drill ended early is ringed")
        wait_text(member, "#trends-body", "直近 5 回の中央値")
        wait_text(member, "#trends-body", "スコア（0〜100）")
        screenshot(member, "ja-committee-trends", start="#trends-section")
        click(member, '#trends-form input[value="department"]')
        wait(member, lambda d: "部署" == text_of(d, "#trends-group-label"), "by department")
        Select(member.find_element(By.ID, "trends-group")).select_by_visible_text("商品企画部")
        wait_text(member, "#trends-body", "行った対応の数")

        # The summary of the period, printed on one A4 page.
        set_value(member, "#s-since", str(today - datetime.timedelta(days=7)))
        set_value(member, "#s-until", str(today))
        wait_text(member, "#summary", "訓練の実施状況と改善計画")
        wait_text(member, "#summary .key-figures", "うち途中で終了")
        wait_text(member, "#summary", "対応時間と目標")
        wait_text(member, "#summary", "受領までの時間")
        wait_text(member, "#summary", "改善計画（本日時点）")
        self.assertIn("窓口一覧を四半期ごとに更新する", text_of(member, "#summary"), "the overdue action is in the summary")
        self.assertEqual("まとめを印刷", member.find_element(By.ID, "print-button").text)
        screenshot(member, "ja-committee-summary", start="#summary-section")
        pdf = base64.b64decode(member.execute_cdp_cmd("Page.printToPDF", {
            "paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True, "printBackground": True})["data"])
        (ARTIFACTS / "committee-summary.pdf").write_bytes(pdf)
        self.assertEqual(1, pdf_pages(pdf), "the summary prints on one A4 page")
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-singlefile", str(ARTIFACTS / "committee-summary.pdf"),
                            str(ARTIFACTS / "committee-summary-print")], check=False)

        # In Japanese throughout, no ids; labelled controls, no console errors.
        self.assert_japanese_clean(member, "committee page", ids=sorted(ours))
        self.assertNotIn("r-20", visible_text(member), "no run ids")
        self.assert_clean(member, trainer)

        # The whole page at laptop and phone width (nothing sticks out sideways).
        member.execute_script("window.scrollTo(0, 0)")
        settle(member)
        screenshot(member, "ja-committee")


if __name__ == "__main__":
    unittest.main()
