"""The role card and the after-drill quiz on the participant's page, in headless Chromium.

Run through Tests/Browser/run.sh with the other browser tests (same server, same helpers).
A drill is made from a Japanese scenario posted as source: two played roles with role
cards, a simulated manager, a one-question survey and a two-question quiz (one question
with two correct answers). On an emulated 360 px phone in Japanese, the participant of the
front desk reads their card in the briefing, opens it again during the drill from the
"あなたの役割" buttons (keyboard and pointer), and never sees the other role's card. After
the trainer ends the drill the participant answers the survey, then the quiz: a question
left out is named, an answer recorded meanwhile from elsewhere (409) is said politely and
the rest is kept, and the results show right or wrong, the correct choices and the
explanation, with the score; a reload shows them again. The trainer's report counts the
answers per question and department. Screenshots in $FIREDRILL_ARTIFACTS.
"""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from test_browser import (ARTIFACTS, FORBIDDEN_JA, BrowserTest, api, api_as, click, in_viewport, join, phone_screenshot,
                          settle, text_of, visible, visible_text, wait, wait_js, wait_text)

SCENARIO = """firedrill: 1
id: browser-role-card-quiz
title: 顧客宛てメールの誤送信（役割カードと理解度確認）
summary: 概要は参加者には見えない
briefing: |
  顧客宛ての案内メールが、別の顧客に送られた可能性があります。
  自分の役割に沿って対応してください。
language: ja
duration: 30m
roles:
  - id: desk
    name: 窓口担当
    department: 顧客サポート部
    responsibilities:
      - 問い合わせを受けたら 5 分以内に上長へ電話で連絡する
      - 顧客への一次回答の文面を準備する
  - id: lead
    name: 情報セキュリティ責任者
    department: 情報システム部
    responsibilities:
      - インシデントを宣言し、広報担当を指名する
  - id: boss
    name: 上長（山本部長）
    department: 顧客サポート部
    persona:
      channels: [phone]
      delay: 1m
      reply: 了解しました。状況を確認します。
injects:
  - id: mail
    to: [desk]
    channel: email
    from: 顧客 田中様
    subject: 知らない会社の案内メールが届きました
    body: 御社から、私宛てではない案内メールが届いています。
    at: 1m
objectives:
  - id: esc
    kind: escalate
    to: boss
    target: 5m
survey:
  - 自分の役割は明確でしたか？
quiz:
  - id: q1
    question: 誤送信に気づいたとき、最初に連絡するのは誰ですか？
    choices: [上長, 顧客, 取引先]
    answer: 0
    explanation: まず上長に報告し、対応の判断を仰ぎます。
  - id: q2
    question: 誤送信の報告に必ず含めるものを選んでください。
    choices: [宛先, 自分の感想, 送った時刻の推測, 添付ファイル名]
    answer: [0, 3]
    explanation: 宛先と添付ファイル名があれば、影響の範囲を見積もれます。
"""
DESK_LINE = "問い合わせを受けたら 5 分以内に上長へ電話で連絡する"
LEAD_LINE = "インシデントを宣言し、広報担当を指名する"
IDS = ("desk", "lead", "boss", "q1", "q2", "mail", "esc", "browser-role-card-quiz")


class RoleCardQuizTest(BrowserTest):
    """A phone-width Japanese participant: the role card before and during the drill, the quiz after it."""

    def assert_japanese_clean(self, driver, where):
        text = visible_text(driver)
        for word in FORBIDDEN_JA:
            self.assertNotIn(word, text, f"{where}: {word!r} shows")
        for ident in IDS:
            self.assertNotRegex(text, rf"(?<![\w-]){re.escape(ident)}(?![\w-])", f"{where}: the id {ident!r} shows")
        self.assertNotIn(LEAD_LINE, driver.page_source, f"{where}: another role's card")

    def test_role_card_and_quiz_on_a_phone(self):
        created = api("POST", "/drills", {"source": SCENARIO, "speed": 10})
        drill_id = created["id"]
        link = created["links"]["players"]["desk"]
        token = link.rsplit("/join/", 1)[1]
        # The server gives a player the card of its own role only.
        status, seen = api_as(token, "GET", f"/drills/{drill_id}")
        self.assertEqual(200, status)
        self.assertEqual(["desk"], [c["role"] for c in seen["role_cards"]])
        self.assertEqual(2, seen["quiz_questions"])

        player = self.browser("ja", phone=True)
        join(player, link, "play", "山田")
        self.assertEqual(360, player.execute_script("return window.innerWidth"))

        # Before the start: the card under the player's role in the briefing.
        visible(player, "#waiting")
        card = visible(player, "#briefing-body .roles.mine .role-card-box")
        self.assertIn("役割カード", card.text)
        self.assertIn(DESK_LINE, card.text)
        self.assertIn("顧客への一次回答の文面を準備する", card.text)
        self.assertEqual(1, len(player.find_elements(By.CSS_SELECTOR, ".role-card-box")), "one card: the player's own")
        self.assertEqual(0, len(player.find_elements(By.CSS_SELECTOR, "#briefing-body .roles:not(.mine) .role-card-box")))
        self.assertTrue(player.find_element(By.ID, "role-card-open").is_displayed())
        self.assert_japanese_clean(player, "play (ready)")
        phone_screenshot(player, "play-role-card")

        # During the drill the briefing folds away; the card is one button away, by keyboard too.
        api("POST", f"/drills/{drill_id}/start")
        wait_text(player, "#drill-status", "実施中")
        wait(player, lambda d: not d.find_element(By.ID, "briefing-details").get_attribute("open"), "the briefing folds")
        self.assertFalse(card.is_displayed())
        wait_text(player, "#inbox", "知らない会社の案内メールが届きました", timeout=60)
        button = player.find_element(By.ID, "role-card-open")
        self.assertEqual("あなたの役割", button.text)
        self.assertEqual("dialog", button.get_attribute("aria-haspopup"))
        player.execute_script("arguments[0].focus()", button)
        player.switch_to.active_element.send_keys(Keys.ENTER)
        dialog = visible(player, "#role-card-dialog")
        self.assertTrue(player.execute_script("return document.querySelector('#role-card-dialog').open"))
        self.assertIn("あなたの役割", dialog.text)
        self.assertIn("窓口担当", dialog.text)
        self.assertIn("顧客サポート部", dialog.text)
        self.assertIn(DESK_LINE, dialog.text)
        self.assertEqual("role-card-close", player.switch_to.active_element.get_attribute("id"), "the dialog has the focus")
        self.assert_japanese_clean(player, "play (role card dialog)")
        overflow = player.execute_script("const r = document.querySelector('#role-card-dialog').getBoundingClientRect(); return [r.left, r.right]")
        self.assertGreaterEqual(overflow[0], 0)
        self.assertLessEqual(overflow[1], 360, "the dialog fits the phone")
        player.save_screenshot(str(ARTIFACTS / "play-role-card-dialog-phone.png"))   # the window as it is
        player.switch_to.active_element.send_keys(Keys.ESCAPE)
        wait(player, lambda d: not d.find_elements(By.ID, "role-card-dialog"), "Escape closes the dialog")
        self.assertEqual("role-card-open", player.switch_to.active_element.get_attribute("id"), "the focus comes back")
        # The button beside the composer opens the same card.
        click(player, "#role-card-open-compose")
        wait_text(player, "#role-card-dialog", DESK_LINE)
        click(player, "#role-card-close")
        wait(player, lambda d: not d.find_elements(By.ID, "role-card-dialog"), "Close closes the dialog")

        # The trainer ends the drill: banner, survey, then the quiz.
        api("POST", f"/drills/{drill_id}/end")
        banner = visible(player, "#ended-banner")
        wait_text(player, "#ended-banner", "アンケートと理解度確認")
        self.assertIn("理解度確認に回答する", banner.text)
        quiz = visible(player, "#quiz-section form")
        order = player.execute_script("return ['#ended-banner', '#survey-section', '#quiz-section', '#briefing', '#inbox-section']"
                                      ".map(s => document.querySelector(s).getBoundingClientRect().top)")
        self.assertEqual(order, sorted(order), "banner, survey, quiz, briefing, inbox from the top")
        click(player, '.scale-option:has(input[name="score-0"][value="4"])')
        click(player, "#survey-section button[type=submit]")
        wait_text(player, "#survey-section", "ありがとうございました")
        wait_text(player, "#ended-banner", "下の理解度確認へのご回答をお願いします")

        # The quiz: what it is for, radio buttons, checkboxes where two answers are right.
        quiz = visible(player, "#quiz-section form")
        intro = text_of(player, "#quiz-section .quiz-intro")
        self.assertIn("個人の評価には使いません", intro)
        self.assertIn("質問ごと・部署ごと", intro)
        self.assertEqual(["radio"] * 3, player.execute_script("return Array.from(document.querySelectorAll('input[name=quiz-0]')).map(i => i.type)"))
        self.assertEqual(["checkbox"] * 4, player.execute_script("return Array.from(document.querySelectorAll('input[name=quiz-1]')).map(i => i.type)"))
        self.assertIn("当てはまるものをすべて選んでください", text_of(player, '#quiz-section fieldset[data-question="q2"]'))
        self.assertEqual("答えを 1 つ選んでください。", text_of(player, "#quiz-hint-0"))
        self.assertEqual("quiz-hint-1", player.find_element(By.CSS_SELECTOR, 'fieldset[data-question="q2"]').get_attribute("aria-describedby"))
        click(player, "#ended-banner a[href='#quiz-title']")
        wait(player, lambda d: d.switch_to.active_element.get_attribute("id") == "quiz-title", "the banner leads to the quiz")

        # Nothing chosen: the questions are named, nothing is sent.
        click(player, "#quiz-section button[type=submit]")
        wait_text(player, "#quiz-section .error-slot", "質問 1、2 の答えを選んでください。")
        self.assertEqual("quiz-0", player.switch_to.active_element.get_attribute("name"), "the first question left out has the focus")
        click(player, '.choice-option:has(input[name="quiz-0"][value="0"])')
        click(player, '.choice-option:has(input[name="quiz-1"][value="0"])')
        click(player, '.choice-option:has(input[name="quiz-1"][value="1"])')
        self.assert_japanese_clean(player, "play (quiz)")
        phone_screenshot(player, "play-quiz")

        # Meanwhile the first question was answered from another device: said politely, the rest kept.
        status, answer = api_as(token, "POST", f"/drills/{drill_id}/quiz", {"answers": [{"question": "q1", "choices": [0]}]})
        self.assertEqual(201, status, answer)
        click(player, "#quiz-section button[type=submit]")
        wait_text(player, "#quiz-section .quiz-notice", "すでに回答が記録されている質問がありました")
        wait_text(player, '#quiz-section .quiz-result[data-question="q1"]', "正解")
        self.assertEqual([True, True, False, False], player.execute_script(
            "return Array.from(document.querySelectorAll('input[name=quiz-1]')).map(i => i.checked)"), "the choices of the open question are kept")
        self.assertEqual(0, len(player.find_elements(By.CSS_SELECTOR, "input[name=quiz-0]")), "the answered question is not asked again")
        click(player, "#quiz-section button[type=submit]")

        # The results: right or wrong, the correct choices, what was chosen, the explanation, the score.
        wait_text(player, "#quiz-section .ok-box", "回答を記録しました")
        wait_text(player, "#quiz-score", "2 問中 1 問正解")
        q1 = text_of(player, '.quiz-result[data-question="q1"]')
        q2 = text_of(player, '.quiz-result[data-question="q2"]')
        self.assertIn("✓", q1)
        self.assertIn("まず上長に報告し、対応の判断を仰ぎます。", q1)
        self.assertIn("不正解", q2)
        self.assertIn("正しい答え", q2)
        self.assertEqual(["宛先", "添付ファイル名"], player.execute_script(
            "return Array.from(document.querySelectorAll('.quiz-result[data-question=q2] .quiz-answer li')).map(li => li.textContent)"))
        self.assertEqual(["宛先", "自分の感想"], player.execute_script(
            "return Array.from(document.querySelectorAll('.quiz-result[data-question=q2] .quiz-chosen li')).map(li => li.textContent)"))
        self.assertIn("宛先と添付ファイル名があれば、影響の範囲を見積もれます。", q2)
        self.assertEqual("quiz-title", player.switch_to.active_element.get_attribute("id"))
        self.assertEqual(0, len(player.find_elements(By.CSS_SELECTOR, "#quiz-section form, #quiz-section input")), "nothing left to answer")
        wait_text(player, "#ended-banner", "ご回答ありがとうございました")
        self.assert_japanese_clean(player, "play (quiz results)")
        phone_screenshot(player, "play-quiz-results")

        # A second answer is refused by the server (409); a reload shows the recorded results.
        status, answer = api_as(token, "POST", f"/drills/{drill_id}/quiz", {"answers": [{"question": "q2", "choices": [0, 3]}]})
        self.assertEqual((409, "already_answered"), (status, answer["error"]["code"]))
        player.execute_script("localStorage.clear(); sessionStorage.clear();")
        player.refresh()
        wait_text(player, "#quiz-score", "2 問中 1 問正解")
        wait_text(player, '.quiz-result[data-question="q2"]', "宛先と添付ファイル名があれば")
        self.assertEqual(0, len(player.find_elements(By.CSS_SELECTOR, "#quiz-section input")))
        self.assertEqual(1, len(player.find_elements(By.CSS_SELECTOR, ".role-card-box")), "the card is still the player's own only")
        self.assert_japanese_clean(player, "play (reloaded)")

        # The trainer's report counts the answers per question and department, never per person.
        report = api("GET", f"/drills/{drill_id}/report?format=json")
        quiz = {q["id"]: q for q in report["quiz"]}
        self.assertEqual((1, 1), (quiz["q1"]["answers"], quiz["q1"]["correct"]))
        self.assertEqual((1, 0), (quiz["q2"]["answers"], quiz["q2"]["correct"]))
        self.assertEqual({"answers": 1, "correct": 1}, quiz["q1"]["by_department"]["顧客サポート部"])
        self.assertNotIn("山田", str(report["quiz"]))
        cards = {r["id"]: r.get("responsibilities") for r in report["roles"]}
        self.assertIn(DESK_LINE, cards["desk"])
        self.assert_clean(player)
