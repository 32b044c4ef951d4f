"""The real browser harness of the hall console: what every console test shares.

Paths of the built programs (found through BIANMIN_BINARY_DIR, never $PATH), checks that are
counted and printed, a real bianmin-hub started on loopback in a private directory, the staff
and the publisher key a hall sets up, Debian's chromium through chromium-driver
(python3-selenium), and the page steps every test takes (login, switching user, the page's
own API calls).
"""
import os
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

SRC = os.environ["BIANMIN_SOURCE_DIR"]
BIN = os.environ["BIANMIN_BINARY_DIR"]
HUB = os.path.join(BIN, "sync/hub/bianmin-hub")
SYNC = os.path.join(BIN, "sync/agent/bianmin-sync")
KIOSK = os.path.join(BIN, "kiosk/bianmin-kiosk")
DEMO_DB = os.environ.get("BIANMIN_DEMO_DB", os.path.join(BIN, "demo/content.db"))
PUBLISH = os.path.join(BIN, "sync/publish/bianmin-publish")
TEST_POSTGRES = os.path.join(BIN, "tests/console/bianmin-test-postgres")
WWW = os.path.join(SRC, "sync/console/www")
SCREENS = os.path.join(BIN, "tests/console/screens")
# A headless kiosk needs no display and no sound card.
KIOSK_ENV = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy")
# The staff every test's hall has: a 经办 who prepares changes and a 审核 who approves them.
CLERK = ("zhang", "zhang-password-1")
APPROVER = ("wang", "wang-password-1")
ENROLL_TOKEN = "enroll-secret-for-the-test"
PASSPHRASE = "qingshi passphrase 2026"

failures = []


def check(cond, what):
    print(("ok    " if cond else "FAIL  ") + what, flush=True)
    if not cond:
        failures.append(what)


def finish():
    """Exits non-zero when a check failed (call after cleaning up)."""
    if failures:
        sys.exit(f"{len(failures)} check(s) failed")
    print("all checks passed")


def require(*paths):
    for p in paths + ("/usr/bin/chromium", "/usr/bin/chromedriver"):
        if not os.path.exists(p):
            sys.exit(f"missing {p} (build it; chromium and chromium-driver come from deploy/install-deps.sh)")


def run(*args, stdin=None):
    p = subprocess.run(list(args), input=stdin, capture_output=True, text=True, timeout=30)
    if p.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({p.returncode}): {p.stdout}{p.stderr}")
    return p.stdout


def add_staff(data, store=()):
    """张晓梅 (经办) and 王建国 (审核), added on the command line as a hall does; and the
    enrollment token file the hub is started with (<data>/../enroll.token). `store`: the hub's
    store options (scratch_postgres), else hub.db in `data`."""
    tmp = os.path.dirname(data)
    open(os.path.join(tmp, "enroll.token"), "w").write(ENROLL_TOKEN + "\n")
    run(HUB, "add-staff", CLERK[0], "--role", "经办", "--name", "张晓梅", "--data", data, *store,
        stdin=CLERK[1] + "\n")
    run(HUB, "add-staff", APPROVER[0], "--role", "审核", "--name", "王建国", "--data", data, *store,
        stdin=APPROVER[1] + "\n")


def scratch_postgres():
    """A private PostgreSQL server (bianmin-test-postgres, as the C++ tests start): the process
    and the hub's store options naming its database. The server goes when the process is
    terminated or this test's end closes its standard input."""
    p = subprocess.Popen([TEST_POSTGRES], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    conn = p.stdout.readline().strip()
    if not conn:
        sys.exit("bianmin-test-postgres did not start a PostgreSQL server")
    return p, ["--store-engine", "postgresql", "--store-connection", conn]


def publisher_key(tmp):
    """A publisher key pair and the hall's trust list holding it: (key file, trust file)."""
    key, pub, trust = os.path.join(tmp, "p.key"), os.path.join(tmp, "p.pub.json"), os.path.join(tmp, "trust.json")
    run(PUBLISH, "keygen", "-o", key, "--pub", pub)
    run(PUBLISH, "trust", "add", pub, "--trust", trust)
    return key, trust


def seal_key(key, data):
    """Seals the publisher key into the hub's state with PASSPHRASE (bianmin-hub seal-key)."""
    return run(HUB, "seal-key", key, "--data", data, stdin=PASSPHRASE + "\n")


def start_hub(tmp, data, name, extra):
    port_file = os.path.join(tmp, name + ".port")
    log = open(os.path.join(tmp, name + ".log"), "w")
    # Options in `extra` come last and override these (e.g. --listen).
    proc = subprocess.Popen([HUB, "serve", "--data", data, "--listen", "127.0.0.1:0", "--port-file", port_file,
                             "--console-dir", WWW, "--enroll-token-file", os.path.join(tmp, "enroll.token")] + extra,
                            stderr=log)
    for _ in range(200):
        if os.path.exists(port_file):
            return proc, int(open(port_file).read())
        time.sleep(0.05)
    proc.kill()
    sys.exit(f"{name} did not start; see {log.name}")


def enroll(tmp, base, tid, name):
    """Enrolls terminal `tid` with the hub; returns its state directory."""
    state = os.path.join(tmp, tid)
    run(SYNC, "enroll", "--state", state, "--hub", base, "--id", tid, "--name", name,
        "--token-file", os.path.join(tmp, "enroll.token"))
    return state


def browser():
    o = Options()
    o.binary_location = "/usr/bin/chromium"
    # Headless, and --no-sandbox when run as root: Chromium refuses to start its sandbox as
    # root (CI containers run tests as root); the pages it opens are our own, on loopback.
    o.add_argument("--headless=new")
    if os.geteuid() == 0:
        o.add_argument("--no-sandbox")
    o.add_argument("--disable-gpu")
    o.add_argument("--disable-dev-shm-usage")
    o.add_argument("--window-size=1440,900")
    o.add_argument("--lang=zh-CN")
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    d.set_page_load_timeout(20)
    return d


def login(d, base, user, password):
    d.get(base + "/console/login.html")
    d.find_element(By.ID, "user").clear()
    d.find_element(By.ID, "user").send_keys(user)
    d.find_element(By.ID, "password").send_keys(password)
    d.find_element(By.ID, "submit").click()


def switch_user(d, base, user, password, then):
    """Logs out whoever is in (through the page's button), logs `user` in and opens `then`."""
    wait = WebDriverWait(d, 20)
    d.get(base + "/console/publish.html")
    if "login" not in d.current_url:
        d.find_element(By.ID, "logout").click()
        wait.until(lambda d: "login" in d.current_url)
    login(d, base, user, password)
    wait.until(lambda d: "login" not in d.current_url)
    d.get(then)


def message(d):
    WebDriverWait(d, 10).until(lambda d: d.find_element(By.ID, "message").text.strip() != "")
    return d.find_element(By.ID, "message").text


def text_of(d, el_id):
    return d.find_element(By.ID, el_id).text


def set_value(d, el_id, value):
    """Sets an input the way a date picker does (send_keys into a date field depends on the locale)."""
    d.execute_script("arguments[0].value = arguments[1]", d.find_element(By.ID, el_id), value)


def fetch_in_page(d, method, path, headers):
    """A request the page's own origin makes (cookie included); returns the HTTP status."""
    return d.execute_async_script(
        "var cb = arguments[arguments.length - 1];"
        "fetch(arguments[1], {method: arguments[0], headers: arguments[2], credentials: 'same-origin',"
        " body: arguments[0] === 'GET' ? undefined : '{}'})"
        ".then(function (r) { cb(r.status); }).catch(function (e) { cb(-1); });", method, path, headers)


def page_api(d, method, path, body=None):
    """Console.api from the page (session cookie and CSRF token): the JSON answer or {"error"}."""
    return d.execute_async_script(
        "var cb = arguments[arguments.length - 1];"
        "Console.api(arguments[0], arguments[1], arguments[2] === null ? undefined : arguments[2])"
        ".then(function (j) { cb(j); }).catch(function (e) { cb({error: e.message}); });", method, path, body)


def shot(d, name):
    os.makedirs(SCREENS, exist_ok=True)
    d.save_screenshot(os.path.join(SCREENS, name + ".png"))


def stop_all(drivers, procs):
    for d in drivers:
        d.quit()
    for p in procs:
        p.terminate()
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
