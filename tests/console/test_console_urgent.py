#!/usr/bin/env python3
"""An urgent notice approved in the hall console is on a real kiosk's screen within 10 s (issue 18).

A real bianmin-hub on loopback, as a county runs it (its store and the console's staff, sessions
and changes in a real PostgreSQL, started by the test in a private directory), keeps the hall's source folder (a copy of the demo township),
the publisher key sealed with a passphrase, and the console's channel at version 1 (the demo,
pushed with `bianmin-publish push`). A real terminal: `bianmin-sync run` with its timer an
hour away, so only the push channel can bring version 2, and a real headless kiosk (scripted)
on the terminal's content link, already running on version 1 and showing 办事指南. Driven
through Debian's chromium (python3-selenium):

  经办 starts a change and writes a notice with the console's form, marked 紧急 until 18:00;
  submits; 审核 approves with the passphrase (the hub builds, signs and publishes version 2 and
  wakes the terminal); the agent installs it; the kiosk, which looks for a new content cache
  every 2 s, shows the notice over its 办事指南 screen. The click on 批准 → published (the page
  says so) → notice on screen are measured and printed; published → on screen must be under
  10 s. Then the villager taps 知道了: it stays away for the session, on the same screen.

Screenshots go to <build>/tests/console/screens/urgent-*.png.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console_harness import (APPROVER, CLERK, DEMO_DB, HUB, KIOSK, KIOSK_ENV, PASSPHRASE, PUBLISH, SCREENS, SRC,  # noqa: E402
                             SYNC, add_staff, browser, check, enroll, finish, login, publisher_key, require, run,
                             scratch_postgres, seal_key, set_value, shot, start_hub, stop_all, switch_user, text_of)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

TODAY, NOW = "2026-12-02", "10:30"  # the kiosk's hall time
NOTICE_ID, NOTICE_TITLE = "tingshui-2026-12-02", "今天下午镇区停水"
NOTICE_BODY = "因主管道抢修，今天13:00至18:00镇区停水，请提前储水。便民服务中心照常办公。"


def wait_for(ok, seconds, step=0.02):
    end = time.time() + seconds
    while time.time() < end:
        if ok():
            return True
        time.sleep(step)
    return ok()


def read(path):
    try:
        return open(path, encoding="utf-8", errors="replace").read()
    except FileNotFoundError:
        return ""


def main():
    require(HUB, SYNC, PUBLISH, KIOSK, DEMO_DB)
    tmp = tempfile.mkdtemp(prefix="bianmin-urgent-")
    procs, drivers = [], []
    pg = None
    try:
        # A county's hub: its store and the console's tables in PostgreSQL, not in hub.db.
        pg, store = scratch_postgres()
        data = os.path.join(tmp, "hub")
        source = os.path.join(tmp, "source")
        shutil.copytree(os.path.join(SRC, "content/demo"), source, ignore=shutil.ignore_patterns("tools", "README.md"))
        add_staff(data, store)
        key, trust = publisher_key(tmp)
        seal_key(key, data)
        # Version 1 of the console's channel: the demo, bundled and pushed as a hall did before.
        staff_token = os.path.join(tmp, "staff.token")
        open(staff_token, "w").write("staff-secret-for-the-test\n")
        run(PUBLISH, "bundle", DEMO_DB, "-o", os.path.join(tmp, "channel"), "--channel", "town", "--key", key)
        os.remove(key)  # the hub machine keeps the sealed key only

        hub, port = start_hub(tmp, data, "hub", ["--trust", trust, "--source", source, "--publish-channel", "town",
                                                 "--staff-token-file", staff_token] + store)
        procs.append(hub)
        base = f"http://127.0.0.1:{port}"
        run(PUBLISH, "push", os.path.join(tmp, "channel"), "--to", base, "--token-file", staff_token, "--trust", trust)

        # The terminal: its agent installs version 1, then holds the push channel.
        state = enroll(tmp, base, "hall-01", "镇便民服务中心1号机")
        agent_log = os.path.join(tmp, "agent.log")
        agent = subprocess.Popen([SYNC, "run", "--state", state, "--hub", base, "--url", base + "/channels/town",
                                  "--trust", trust, "--interval", "3600"],
                                 stdout=open(agent_log, "w"), stderr=subprocess.STDOUT)
        procs.append(agent)
        link = os.path.join(state, "content.db")
        check(wait_for(lambda: os.path.exists(link), 30, 0.1), "the terminal installs version 1")

        # Its kiosk, running on the content link, on 办事指南; `ready` tells the test it waits.
        ready, on_top = os.path.join(tmp, "ready.png"), os.path.join(tmp, "urgent.png")
        dismissed = os.path.join(tmp, "dismissed.png")
        steps = os.path.join(tmp, "steps.txt")
        open(steps, "w").write("route guides\n"
                               "expect \"按部门\"\n"
                               "expect-not \"紧急通知\"\n"
                               f"shot {ready}\n"
                               "wait-for \"紧急通知\" 90000\n"
                               f"expect \"{NOTICE_TITLE}\"\n"
                               f"shot {on_top}\n"
                               "tap \"知道了\"\n"
                               "expect-not \"紧急通知\"\n"
                               "expect \"按部门\"\n"
                               # it stays dismissed while the kiosk goes on drawing and polling
                               "wait-real 3000\n"
                               "expect-not \"紧急通知\"\n"
                               "tap \"首页\"\n"
                               "expect-not \"紧急通知\"\n"
                               f"expect \"{NOTICE_TITLE}\"\n"  # home lists it among the notices
                               f"shot {dismissed}\n")
        kiosk_log = os.path.join(tmp, "kiosk.log")
        kiosk = subprocess.Popen([KIOSK, "--headless", "--content", link, "--state-dir", state, "--today", TODAY,
                                  "--time", NOW, "--script", steps],
                                 stdout=open(kiosk_log, "w"), stderr=subprocess.STDOUT, env=KIOSK_ENV)
        procs.append(kiosk)

        d = browser()
        drivers.append(d)
        d.set_window_size(1440, 1600)
        wait = WebDriverWait(d, 20)

        # 经办: a change with one notice, marked 紧急, through the form.
        login(d, base, *CLERK)
        wait.until(lambda d: "/console/" in d.current_url and "login" not in d.current_url)
        d.get(base + "/console/publish.html")
        wait.until(lambda d: "签名密钥" in text_of(d, "setup"))
        d.find_element(By.ID, "title").send_keys("镇区停水紧急通知")
        d.find_element(By.ID, "new").click()
        wait.until(lambda d: "change.html?id=" in d.current_url)
        page = d.current_url
        wait.until(lambda d: "镇区停水紧急通知" in text_of(d, "title"))
        d.find_element(By.CSS_SELECTOR, "#item-kind option[value='notices']").click()
        d.find_element(By.ID, "item-open").click()
        wait.until(lambda d: d.find_element(By.ID, "item-form").is_displayed())
        d.find_element(By.ID, "f-id").send_keys(NOTICE_ID)
        d.find_element(By.ID, "f-title").send_keys(NOTICE_TITLE)
        d.find_element(By.ID, "f-body").send_keys(NOTICE_BODY)
        set_value(d, "f-start", TODAY)
        set_value(d, "f-end", TODAY)
        d.find_element(By.ID, "f-urgent").click()
        d.find_element(By.ID, "f-urgent_until").send_keys(TODAY + " 18:00")
        check(d.find_element(By.ID, "f-urgent").is_selected(), "the notice form marks the notice 紧急")
        d.find_element(By.ID, "item-save").click()
        wait.until(lambda d: "检查通过" in text_of(d, "item-result"))
        shot(d, "urgent-notice-form")
        d.find_element(By.ID, "submit").click()
        wait.until(lambda d: "待审核" in text_of(d, "state"))

        # 审核 opens it; the kiosk is up on version 1 meanwhile.
        switch_user(d, base, *APPROVER, then=page)
        wait.until(lambda d: d.find_element(By.ID, "review-box").is_displayed())
        wait.until(lambda d: NOTICE_TITLE in text_of(d, "report"))
        check(wait_for(lambda: os.path.exists(ready) or kiosk.poll() is not None, 60, 0.1) and kiosk.poll() is None,
              "the kiosk runs on version 1, on 办事指南, no urgent notice" + ("" if kiosk.poll() is None else
                                                                        ": " + read(kiosk_log)[-2000:]))
        d.find_element(By.ID, "passphrase").send_keys(PASSPHRASE)

        t0 = time.time()
        d.find_element(By.ID, "approve").click()
        shown = "urgent notice shown: " + NOTICE_ID
        published = None
        while time.time() - t0 < 60 and shown not in read(kiosk_log):
            if published is None and "已批准并发布为第 2 版" in text_of(d, "message"):
                published = time.time() - t0
            if kiosk.poll() is not None:
                break
            time.sleep(0.02)
        on_screen = time.time() - t0
        if published is None and "已批准并发布为第 2 版" in text_of(d, "message"):
            published = on_screen
        ok = shown in read(kiosk_log)
        print(f"urgent notice: approval (the click) → published (the page says so) "
              f"{'-' if published is None else f'{published:.2f}'} s → on the kiosk's screen {on_screen:.2f} s", flush=True)
        check(published is not None, "approval publishes version 2: " + text_of(d, "message"))
        check(ok, "the kiosk shows the urgent notice" + ("" if ok else ": " + read(kiosk_log)[-3000:] +
                                                         "\nagent: " + read(agent_log)[-2000:]))
        # The 10 s are the hall's promise from the approved version on: the push, the agent's
        # download and check, the kiosk's reload. The approval itself (the passphrase's Argon2id,
        # the import, build and signing on the hub) is printed above; on this shared machine it
        # takes seconds more under load and several times more under the sanitizers.
        after = on_screen - (published if published is not None else on_screen)
        check(ok and after < 10, f"published → the notice on the kiosk's screen in {after:.2f} s (< 10 s)")
        check("the hub announces version 2" in read(agent_log), "the push channel woke the agent (timer an hour away)")
        shot(d, "urgent-approved")

        # The rest of the script: 知道了 dismisses it for this villager's session.
        try:
            rc = kiosk.wait(timeout=60)
        except subprocess.TimeoutExpired:
            rc = None
        check(rc == 0, "知道了 dismisses the notice for the session, the screen stays on 办事指南"
              + ("" if rc == 0 else ": " + read(kiosk_log)[-3000:]))
        os.makedirs(SCREENS, exist_ok=True)
        for pic, name in ((ready, "urgent-kiosk-before"), (on_top, "urgent-kiosk-shown"),
                          (dismissed, "urgent-kiosk-dismissed")):
            if os.path.exists(pic):
                shutil.copy(pic, os.path.join(SCREENS, name + ".png"))
        check(not os.path.exists(os.path.join(data, "hub.db")),
              "the county's hub keeps nothing in hub.db: terminals, staff, sessions and the change are in PostgreSQL")
    finally:
        stop_all(drivers, procs)
        if pg is not None:
            stop_all([], [pg])
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
