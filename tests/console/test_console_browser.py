#!/usr/bin/env python3
"""The hall console in a real browser (issues 17 and 18).

Starts a real bianmin-hub on loopback (private data directory), adds staff with
`bianmin-hub add-staff`, enrolls three real bianmin-sync terminals that report over HTTP
(one with a jammed printer, one out of paper, one that then falls silent), and drives
Debian's chromium through chromium-driver (python3-selenium):

  log in; the terminals page shows 卡纸 / 缺纸 and the silent terminal, with alerts (and the
  hub's log says them); a POST without the CSRF token is refused (403) and the session lives
  on; the audit page lists what happened; wrong passwords lock the account (the right one is
  then refused too); a session left idle past its expiry sends the page back to login.

好差评: a real headless kiosk (scripted) on hall-01 rates the hall 不满意 with a reason and a
suggestion holding a phone number; the real agent uploads the outbox to the hub; the report
page shows the counts, the suggestion (number redacted) and the 差评's follow-up with its
deadline; staff fill in owner and outcome (CSRF-protected, audited); the CSV downloads with a
byte-order mark.

A terminal's current screen on request: staff ask for hall-01's screen while a real headless
kiosk shows a fund table: the terminal refuses (names on screen) and the page says so; on
another screen the kiosk's PNG appears with its time, brought by the real agent (`bianmin-sync
run`, timer an hour away), which the push channel tells of each request within seconds; the
requests are audited and need the CSRF token.

Screenshots of each page go to <build>/tests/console/screens/*.png.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console_harness import (DEMO_DB, HUB, KIOSK, KIOSK_ENV, PUBLISH, SCREENS, SYNC, add_staff, browser,  # noqa: E402
                             check, enroll, fetch_in_page, finish, login, message, publisher_key, require, shot,
                             start_hub, stop_all)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def screenshot_on_request(d, wait, tmp, base, trust):
    """Staff ask for hall-01's screen: refused on a fund table with names, then sent from home.
    The terminal's agent runs as installed (`bianmin-sync run`), its timer an hour away: the
    push channel tells it of each request, and it sends the kiosk's answer as soon as it is there."""
    state = os.path.join(tmp, "hall-01")
    agent_log = open(os.path.join(tmp, "hall-01-agent.log"), "w")
    agent = subprocess.Popen([SYNC, "run", "--state", state, "--hub", base, "--url", base + "/channels/town",
                              "--trust", trust, "--interval", "3600"], stdout=agent_log, stderr=agent_log)

    def kiosk_on(route):
        """A kiosk showing `route` (it is there once `ready` is written) for a minute: a request
        that came while it was starting would show its first screen instead."""
        script, ready = os.path.join(tmp, "sit.txt"), os.path.join(tmp, "sit.png")
        if os.path.exists(ready):
            os.remove(ready)
        open(script, "w").write(f"route {route}\nshot {ready}\nwait-real 60000\n")
        k = subprocess.Popen([KIOSK, "--headless", "--content", DEMO_DB, "--state-dir", state, "--script", script],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=KIOSK_ENV)
        for _ in range(600):
            if os.path.exists(ready) or k.poll() is not None:
                break
            time.sleep(0.1)
        return k

    def ask():
        d.refresh()
        button = wait.until(EC.element_to_be_clickable(
            (By.CSS_SELECTOR, "tr[data-terminal='hall-01'] button[data-action='screenshot']")))
        button.click()

    kiosk = kiosk_on("funds/baishui/canji-liangxiang-2026-q4")
    try:
        t0 = time.time()
        ask()
        refused = WebDriverWait(d, 20).until(EC.presence_of_element_located(
            (By.CSS_SELECTOR, "tr[data-terminal='hall-01'] [data-refused='names']")))
        check("带姓名的资金公示表" in refused.text, "a fund table with names on screen: the page says the terminal refused: "
              + refused.text)
        print(f"(screenshot on request, refused: asked → on the page in {time.time() - t0:.1f} s)")
        check(not d.find_elements(By.CSS_SELECTOR, "tr[data-terminal='hall-01'] img.shot"),
              "no picture of the fund table reached the hub")
        shot(d, "07-screenshot-refused")
        kiosk.kill()
        kiosk.wait()
        kiosk = kiosk_on("guides")
        t0 = time.time()
        ask()
        img = WebDriverWait(d, 20).until(EC.presence_of_element_located(
            (By.CSS_SELECTOR, "tr[data-terminal='hall-01'] img.shot")))
        WebDriverWait(d, 10).until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img))
        width = d.execute_script("return arguments[0].naturalWidth", img)
        took = time.time() - t0
        print(f"(screenshot on request: asked → on the page in {took:.1f} s)")
        # (the agent's next timed run is 15-30 s away: its first run failed, and it backs off)
        check(took < 15, f"the picture is on the page {took:.1f} s after the request, not at the agent's next timed run")
        check(open(agent_log.name).read().count("the hub asks for the screen") == 2,
              "the push channel told the agent of both requests: " + open(agent_log.name).read()[-800:])
        check(width >= 600, f"the kiosk's current screen appears on the page ({width} px wide)")
        when = d.find_element(By.CSS_SELECTOR, "tr[data-terminal='hall-01'] .shot-time").text
        check(when.startswith("截于 "), "the picture says when it was taken: " + when)
        check(fetch_in_page(d, "POST", "/console/api/terminals/hall-01/screenshot",
                            {"Content-Type": "application/json"}) == 403,
              "a screenshot request without the CSRF token is refused (403)")
        shot(d, "08-screenshot")
        png = d.execute_async_script(
            "var cb = arguments[arguments.length - 1];"
            "fetch('/console/api/terminals/hall-01/screenshot.png', {credentials: 'same-origin'})"
            ".then(function (r) { return r.arrayBuffer().then(function (b) {"
            " cb(Array.from(new Uint8Array(b))); }); }).catch(function (e) { cb([]); });")
        os.makedirs(SCREENS, exist_ok=True)
        open(os.path.join(SCREENS, "08-kiosk-screen.png"), "wb").write(bytes(png))
    finally:
        agent.terminate()
        agent.wait()
        kiosk.kill()
        kiosk.wait()
    open(os.path.join(state, "printer-state"), "w").write("ok\n")


def main():
    require(HUB, SYNC, PUBLISH, KIOSK, DEMO_DB)
    tmp = tempfile.mkdtemp(prefix="bianmin-console-")
    procs, drivers = [], []
    try:
        data = os.path.join(tmp, "hub")
        add_staff(data)
        hub, port = start_hub(tmp, data, "hub", ["--login-max-failures", "3", "--login-lock-s", "600",
                                                 "--alert-check-s", "1"])
        procs.append(hub)
        base = f"http://127.0.0.1:{port}"

        # Three real terminals: their agent runs once (the hub's channel is empty: the run
        # fails and says so in sync-status), then heartbeats with the kiosk's printer word.
        _, trust = publisher_key(tmp)
        terminals = [("cun-01", "青石村代办点", "qingshi", "jam", 600),
                     ("cun-02", "上坝村代办点", "shangba", "paper-out", 600),
                     ("cun-03", "河口村代办点", "hekou", "ok", 1),
                     ("hall-01", "镇便民服务中心1号机", "", "ok", 600)]
        for tid, name, village, printer, interval in terminals:
            state = enroll(tmp, base, tid, name)
            open(os.path.join(state, "printer-state"), "w").write(printer + "\n")
            p = subprocess.run([SYNC, "once", "--state", state, "--hub", base, "--url", base + "/channels/town",
                                "--trust", trust, "--interval", str(interval)] + (["--village", village] if village else []),
                               capture_output=True, text=True, timeout=30)
            check(p.returncode == 1, f"{tid}: the agent's run fails (no content on the hub yet) and reports anyway")

        # A fifth terminal speaks the wire protocol over HTTP itself, as an agent on a machine
        # with systemd does: its kiosk's unit has run 2 hours and was restarted 3 times.
        state = enroll(tmp, base, "hall-02", "镇便民服务中心2号机")
        token = open(os.path.join(state, "token")).read().strip()
        hb = {"channel": "town", "printer_state": "ok", "disk_free_mb": 20480, "uptime_s": 90000, "interval_s": 600,
              "kiosk_state": "active", "kiosk_up_s": 7200, "kiosk_restarts": 3, "sync_outcome": "up_to_date",
              "sync_run_at": int(time.time()), "sync_success_at": int(time.time())}
        req = urllib.request.Request(base + "/api/heartbeat", data=json.dumps(hb).encode(), method="POST",
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        check(urllib.request.urlopen(req, timeout=10).status == 200, "a heartbeat over the wire protocol is taken")

        # 好差评 through the real path: the kiosk of hall-01 writes its outbox, the agent uploads it.
        state = os.path.join(tmp, "hall-01")
        steps = os.path.join(tmp, "rate.txt")
        open(steps, "w").write("route feedback\n"
                               "tap \"不满意\"\n"
                               "tap \"等候时间长\"\n"
                               "tap \"写建议\"\n"
                               "tap \"D\"\ntap \"E\"\ntap \"N\"\ntap \"G\"\ntap \"D\"\ntap \"A\"\ntap \"I\"\n"
                               "tap \"等待\"\n"
                               "tap \"数字\"\n"
                               "tap \"1\"\ntap \"3\"\ntap \"8\"\ntap \"0\"\ntap \"0\"\ntap \"1\"\ntap \"3\"\ntap \"8\"\n"
                               "tap \"写好了\"\n"
                               "tap \"提交评价\"\n"
                               "expect \"感谢您的评价！\"\n")
        k = subprocess.run([KIOSK, "--headless", "--content", DEMO_DB, "--state-dir", state, "--script", steps],
                           capture_output=True, text=True, timeout=60, env=KIOSK_ENV)
        check(k.returncode == 0, "the kiosk's 评价建议 script runs" + ("" if k.returncode == 0 else ": " + k.stdout + k.stderr))
        # The kiosk wrote what it found of its printer (none on this machine): hall-01 stays the
        # healthy terminal of the page's checks below.
        open(os.path.join(state, "printer-state"), "w").write("ok\n")
        up = subprocess.run([SYNC, "upload", "--state", state, "--hub", base], capture_output=True, text=True, timeout=30)
        check(up.returncode == 0, "the agent uploads the outbox" + ("" if up.returncode == 0 else ": " + up.stdout + up.stderr))

        d = browser()
        drivers.append(d)
        wait = WebDriverWait(d, 15)

        # Not logged in: the console sends the login page.
        d.get(base + "/console/")
        check(d.current_url.endswith("/console/login.html"), "an anonymous visit lands on the login page")
        shot(d, "01-login")

        # Log in as 经办; the terminals page lists the three terminals.
        login(d, base, "zhang", "zhang-password-1")
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#terminals tbody tr")))
        check(d.find_element(By.ID, "who").text == "张晓梅（经办）", "the header names the clerk and her role")
        cookie = d.get_cookie("bm_session")
        check(cookie is not None and cookie.get("httpOnly") and cookie.get("sameSite") == "Strict",
              "the session cookie is HttpOnly and SameSite=Strict")

        # cun-03 syncs every second: after 3 s without a heartbeat it is silent.
        time.sleep(3.5)
        d.refresh()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#alert-list li[data-kind='silent']")))
        rows = {r.get_attribute("data-terminal"): r.text for r in d.find_elements(By.CSS_SELECTOR, "#terminals tbody tr")}
        check(len(rows) == 5, "the page lists every terminal")
        order = [r.get_attribute("data-terminal") for r in d.find_elements(By.CSS_SELECTOR, "#terminals tbody tr")]
        check(order[-2:] == ["hall-01", "hall-02"], "terminals that need attention come first, the healthy one last: " + str(order))
        check("正常" in rows.get("hall-01", ""), "the healthy terminal's printer reads 正常")
        check("终端程序已运行 2 小时，重启 3 次" in rows.get("hall-02", ""), "the kiosk's uptime and restarts are shown")
        check("已是最新" in rows.get("hall-02", ""), "an up-to-date sync reads 已是最新")
        check("未上报" in rows.get("cun-01", "") or "终端程序" in rows.get("cun-01", ""),
              "without systemd to ask, the kiosk's uptime says 未上报 (or what systemd says)")
        check("卡纸" in rows.get("cun-01", ""), "cun-01's printer reads 卡纸")
        check("缺纸" in rows.get("cun-02", ""), "cun-02's printer reads 缺纸")
        check("qingshi" in rows.get("cun-01", ""), "the village is shown")
        check("失败" in rows.get("cun-01", ""), "the last sync's outcome is the agent's own (失败)")
        alerts = {(a.get_attribute("data-terminal"), a.get_attribute("data-kind")): a.text
                  for a in d.find_elements(By.CSS_SELECTOR, "#alert-list li")}
        check(("cun-01", "jam") in alerts, "an alert says cun-01 is jammed")
        check(("cun-02", "paper_out") in alerts and "缺纸" in alerts[("cun-02", "paper_out")],
              "an alert says cun-02 is out of paper")
        check(("cun-03", "silent") in alerts and "河口村代办点" in alerts[("cun-03", "silent")],
              "an alert names the silent terminal")
        check(("cun-01", "silent") not in alerts, "a terminal within 3 × its interval is not silent")
        check(not any(t in ("hall-01", "hall-02") for t, _ in alerts), "a healthy terminal raises nothing")
        shot(d, "02-terminals")
        log = ""
        for _ in range(40):
            log = open(os.path.join(tmp, "hub.log")).read()
            if "cun-03/silent" in log:
                break
            time.sleep(0.1)
        check("告警" in log and "cun-03/silent" in log and "cun-02/paper_out" in log,
              "the hub's log says the alerts" + ("" if "cun-03/silent" in log else ": " + log))

        # CSRF: the page's own origin, with the session cookie, but without / with a wrong token.
        check(fetch_in_page(d, "POST", "/console/api/logout", {"Content-Type": "application/json"}) == 403,
              "a POST without the CSRF token is refused (403)")
        check(fetch_in_page(d, "POST", "/console/api/logout",
                            {"Content-Type": "application/json", "X-CSRF-Token": "0" * 64}) == 403,
              "a POST with a wrong CSRF token is refused (403)")
        check(fetch_in_page(d, "POST", "/console/api/anything-later", {"Content-Type": "application/json"}) == 403,
              "routes added later meet the same CSRF check")
        check(fetch_in_page(d, "GET", "/console/api/session", {}) == 200, "the session survives the refused POSTs")
        # And from outside the browser: the cookie alone is not enough.
        req = urllib.request.Request(base + "/console/api/logout", data=b"{}", method="POST",
                                     headers={"Cookie": "bm_session=" + cookie["value"], "Content-Type": "application/json"})
        try:
            urllib.request.urlopen(req, timeout=10)
            status = 200
        except urllib.error.HTTPError as e:
            status = e.code
        check(status == 403, "a forged POST with the stolen cookie but no token is refused")

        # A terminal's current screen on request: a real headless kiosk (scripted) sits on a
        # screen of hall-01 while the real agent contacts the hub every half second.
        screenshot_on_request(d, wait, tmp, base, trust)

        # 好差评: the month's report with the 差评's follow-up, edited by staff, and the CSV.
        d.find_element(By.LINK_TEXT, "好差评").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#followups tbody tr[data-id]")))
        summary = d.find_element(By.ID, "summary").text
        check("共 1 条评价，差评 1 条" in summary, "the report counts the rating as one 差评: " + summary)
        row = d.find_element(By.CSS_SELECTOR, "#followups tbody tr[data-id]")
        check("不满意" in row.text and "等候时间长" in row.text and "镇便民服务中心1号机" in row.text,
              "the 差评 opens a follow-up naming its terminal, level and reason: " + row.text)
        deadline = row.find_element(By.CSS_SELECTOR, "input.deadline").get_attribute("value")
        check(len(deadline) == 10 and deadline > time.strftime("%Y-%m-%d"), "the follow-up has a deadline: " + deadline)
        sugg = d.find_element(By.ID, "suggestions").text
        check("等待***" in sugg and "13800138" not in sugg, "the suggestion is listed, its digits redacted: " + sugg)
        services = d.find_element(By.ID, "services").text
        check("服务大厅（整体）" in services and "服务效率" in services, "the counts per service name the indicators")
        terms = d.find_element(By.ID, "terminals").text
        check("hall-01" in terms, "the counts per terminal list hall-01")
        row.find_element(By.CSS_SELECTOR, "input.owner").send_keys("张晓梅")
        row.find_element(By.CSS_SELECTOR, "textarea.outcome").send_keys("已电话回访，调整了午间窗口")
        row.find_element(By.CSS_SELECTOR, "input.done").click()
        row.find_element(By.CSS_SELECTOR, "button.save").click()
        wait.until(lambda d: "已保存" in d.find_element(By.CSS_SELECTOR, "#followups .state").text)
        fid = row.get_attribute("data-id")
        check(fetch_in_page(d, "POST", "/console/api/followups/" + fid, {"Content-Type": "application/json"}) == 403,
              "a follow-up change without the CSRF token is refused (403)")
        shot(d, "06-ratings")
        d.refresh()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#followups tbody tr[data-id]")))
        row = d.find_element(By.CSS_SELECTOR, "#followups tbody tr[data-id]")
        check(row.find_element(By.CSS_SELECTOR, "input.owner").get_attribute("value") == "张晓梅" and
              row.find_element(By.CSS_SELECTOR, "input.done").is_selected(),
              "the follow-up's owner and 已办结 are kept")
        csv = d.execute_async_script(
            "var cb = arguments[arguments.length - 1];"
            "fetch(document.getElementById('csv').href, {credentials: 'same-origin'})"
            ".then(function (r) { return r.arrayBuffer().then(function (b) {"
            " cb({status: r.status, disp: r.headers.get('Content-Disposition'),"
            " bytes: Array.from(new Uint8Array(b))}); }); })"
            ".catch(function (e) { cb({status: -1}); });")
        body = bytes(csv.get("bytes", []))
        check(csv["status"] == 200 and "attachment" in (csv.get("disp") or ""), "the CSV downloads as an attachment")
        text = body.decode("utf-8", "replace")
        check(body[:3] == b"\xef\xbb\xbf", "the CSV starts with a byte-order mark (Excel/WPS read it as UTF-8)")
        check("已电话回访，调整了午间窗口" in text and "已办结" in text and "等待***" in text,
              "the CSV has the follow-up and the suggestion")

        # The audit page shows who did what.
        d.find_element(By.LINK_TEXT, "操作记录").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#audit tbody tr")))
        audit = d.find_element(By.ID, "audit").text
        check("登录" in audit and "zhang" in audit, "the audit log has the login")
        check("拒绝请求" in audit and "CSRF" in audit, "the audit log has the refused POST")
        check("添加工作人员" in audit, "the audit log has the accounts added on the command line")
        check("跟进差评" in audit and "导出好差评" in audit, "the audit log has the follow-up change and the export")
        check("请求终端截屏" in audit and "hall-01" in audit, "the audit log has the screenshot requests")
        shot(d, "03-audit")

        # Log out (with the token, through the page's button).
        d.find_element(By.ID, "logout").click()
        wait.until(EC.url_contains("/console/login.html"))
        d.get(base + "/console/")
        check("/console/login.html" in d.current_url, "after logging out the console asks for a login again")

        # Wrong passwords: 3 in a row lock 王建国's account; the right password is then refused.
        login(d, base, "wang", "wrong-1")
        check("用户名或密码不对" in message(d), "a wrong password is refused")
        login(d, base, "wang", "wrong-2")
        login(d, base, "wang", "wrong-3")
        msg = message(d)
        check("锁定" in msg, "the third wrong password locks the account: " + msg)
        login(d, base, "wang", "wang-password-1")
        time.sleep(0.5)
        msg = message(d)
        check("锁定" in msg and "/console/login.html" in d.current_url, "while locked even the right password is refused")
        shot(d, "04-locked")

        # An expired session: a second hub on the same store whose sessions end after 8 s idle
        # (reached as "localhost", so the browser keeps its cookie apart from the first hub's).
        # 8 s, not less: under the sanitizers on a loaded machine the login and the terminals
        # page's first requests alone can take seconds, and must not outlive the session. The
        # page reloads its list every 30 s, so 9 s idle on it is idle.
        hub2, port2 = start_hub(tmp, data, "hub2", ["--session-idle-s", "8"])
        procs.append(hub2)
        base2 = f"http://localhost:{port2}"
        login(d, base2, "zhang", "zhang-password-1")
        WebDriverWait(d, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#terminals tbody tr")))
        time.sleep(9)
        d.find_element(By.LINK_TEXT, "操作记录").click()
        wait.until(EC.url_contains("/console/login.html"))
        msg = message(d)
        check("登录已过期" in msg, "an expired session goes back to the login page, saying so")
        shot(d, "05-expired")

        # From another machine, in plain HTTP: refused (staff go through nginx with TLS), a
        # forged X-Real-IP included; --console-network allows it. Needs a non-loopback address.
        ip = next((a for a in subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
                   if "." in a and not a.startswith("127.")), None)
        if ip is None:
            print("(no non-loopback IPv4 address here: the network refusal is not checked)")
        else:
            def status(url, headers={}):
                try:
                    return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10).status
                except urllib.error.HTTPError as e:
                    return e.code
            hub3, port3 = start_hub(tmp, data, "hub3", ["--listen", "0.0.0.0:0"])
            procs.append(hub3)
            check(status(f"http://{ip}:{port3}/console/login.html") == 403,
                  "the console refuses a peer on the network (plain HTTP)")
            check(status(f"http://{ip}:{port3}/console/login.html", {"X-Real-IP": "127.0.0.1"}) == 403,
                  "a forged X-Real-IP does not make a network peer local")
            check(status(f"http://127.0.0.1:{port3}/console/login.html") == 200, "the console answers nginx on this machine")
            hub4, port4 = start_hub(tmp, data, "hub4", ["--listen", "0.0.0.0:0", "--console-network"])
            procs.append(hub4)
            check(status(f"http://{ip}:{port4}/console/login.html") == 200, "--console-network serves the hall network")
    finally:
        stop_all(drivers, procs)
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
