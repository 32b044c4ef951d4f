#!/usr/bin/env python3
"""Publishing from the hall console in a real browser (issue 17).

A real bianmin-hub on loopback keeps the hall's source folder (a copy of the demo township),
the publisher key sealed with a passphrase (`bianmin-hub seal-key`) and the kiosk binary for
previews. A real `bianmin-sync run` terminal holds the hub's push channel. Driven through
Debian's chromium (python3-selenium):

  经办 logs in, starts a change, uploads a new fund publication's header (YAML); uploads an
  .xlsx whose ID column Excel damaged (numbers, 15 significant digits) → the page names each
  damaged cell; uploads the fixed sheet → the change report (rows, total, de-identification)
  and the preview pictures rendered by the kiosk itself appear; the header's form sets total
  and count (a total the rows do not add up to is named under its field, then filled from
  the rows); a service guide made in its form (a missing 简版指南 named under its field, then
  it passes the importer and the report lists it; 材料形式 and 载体 show the 原件 / 纸质 a
  blank would mean, and are written so); after these edits the preview pictures are greyed and
  marked 内容已修改 until made again; a card that site.yaml's colloquial names still use is not
  deleted, and the refusal with where it is used appears beside its 删除 button; a card
  deleted after a confirmation shows as removed in the report; a request without the CSRF
  token is refused; the 经办 cannot approve their own change; submits. 审核 sends it back with a
  comment, which the 经办 sees before submitting again. 审核 logs in: a wrong
  passphrase is refused; approval builds, signs and publishes version 1; the terminal, woken
  by the push channel, installs it; the kiosk (headless, layout report) shows the new
  publication; the hub's source folder now holds it and `bianmin-publish check` passes on it.

Screenshots go to <build>/tests/console/screens/publish-*.png.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console_harness import (APPROVER, CLERK, HUB, KIOSK, KIOSK_ENV, PASSPHRASE, PUBLISH, SCREENS, SRC, SYNC,  # noqa: E402
                             add_staff, browser, check, enroll, fetch_in_page, finish, login, page_api, publisher_key,
                             require, seal_key, set_value, shot, start_hub, stop_all, switch_user, text_of)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

FUND = "gaoling-2026-xiaowan"
HEADER = f"""id: {FUND}
title: 小湾村2026年12月高龄津贴发放公示
kind: household
fund_type: 高龄津贴
year: 2026
department: minzheng
policy_basis: 青岚县高龄津贴发放管理办法（青民发〔2023〕11号）
standard: 80-89周岁每人每月50元
unit: 月
period: 2026年12月
villages: [xiaowan]
publicity: {{start: 2026-12-01, end: 2026-12-10}}
complaint: {{phone: 0739-4826123, address: 桐溪镇纪律检查委员会}}
application_guide: 年满80周岁的本县户籍老年人，到村代办点登记。
full_names: false
catalogue: czzj/hmzj/flbt
rows: {FUND}.csv
"""
PEOPLE = [("小湾村", "湾里组", "李丹梅", "432625194609257704", "6217367006895579884", 1, "50.00"),
          ("小湾村", "湾里组", "陈菊花", "432625193806191906", "6221896748804003298", 1, "50.00"),
          ("小湾村", "茶园组", "谭娥玉", "432625194502139185", "6221896800190905121", 2, "100.00")]


def cell(ref, value, as_number):
    if as_number:
        return f'<c r="{ref}"><v>{value}</v></c>'
    value = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def write_xlsx(path, damaged, header=("村", "组", "姓名", "身份证号", "银行账号", "数量", "金额", "发放日期")):
    """A one-sheet workbook (名单) as Excel writes it; `damaged`: the ID column holds numbers
    (Excel keeps 15 significant digits: 4.32625194609258E+17)."""
    rows = ['<row r="1">' + "".join(cell(f"{chr(65 + i)}1", h, False) for i, h in enumerate(header)) + "</row>"]
    for n, (v, g, name, pid, acct, qty, amount) in enumerate(PEOPLE, start=2):
        cells = [cell(f"A{n}", v, False), cell(f"B{n}", g, False), cell(f"C{n}", name, False),
                 cell(f"D{n}", "%.14E" % float(pid) if damaged else pid, damaged),
                 cell(f"E{n}", acct, False), cell(f"F{n}", qty, True), cell(f"G{n}", amount, True),
                 cell(f"H{n}", "2026-11-28", False)]
        rows.append(f'<row r="{n}">' + "".join(cells) + "</row>")
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + "".join(rows) + "</sheetData></worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                   'officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   '<sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                   'worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)


def page_text(d, path):
    """A text file the page's origin serves (session cookie included), e.g. a change's source file."""
    return d.execute_async_script(
        "var cb = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { return r.text(); })"
        ".then(cb).catch(function (e) { cb(''); });", path)


def pictures_marked_stale(d):
    """Whether the preview pictures are shown as out of date: the note, and greyed pictures."""
    note = d.find_element(By.ID, "pictures-stale")
    grey = d.execute_script(
        "var i = document.querySelector('#pictures img');"
        "return i ? getComputedStyle(i).filter + ' ' + getComputedStyle(i).opacity : ''")
    return note.is_displayed() and "内容已修改，请重新生成预览" in note.text and "grayscale(1)" in grey


def main():
    require(HUB, SYNC, PUBLISH, KIOSK)
    tmp = tempfile.mkdtemp(prefix="bianmin-publish-")
    procs, drivers = [], []
    try:
        data = os.path.join(tmp, "hub")
        source = os.path.join(tmp, "source")
        shutil.copytree(os.path.join(SRC, "content/demo"), source, ignore=shutil.ignore_patterns("tools", "README.md"))
        add_staff(data)
        key, trust = publisher_key(tmp)
        out = seal_key(key, data)
        check("publisher.key.sealed" in out, "bianmin-hub seal-key seals the publisher key into the hub's state")
        sealed = open(os.path.join(data, "publisher.key.sealed")).read()
        check(open(key).read().split('"secret_key": "')[1][:64] not in sealed, "the sealed file holds no plain secret key")
        os.remove(key)  # the hub machine keeps the sealed key only

        hub, port = start_hub(tmp, data, "hub", [
            "--trust", trust, "--source", source, "--publish-channel", "town", "--preview-kiosk", KIOSK,
            "--preview-village-config", os.path.join(SRC, "config/samples/kiosk-village.toml")])
        procs.append(hub)
        base = f"http://127.0.0.1:{port}"

        # A real terminal holding the push channel (timer an hour away: only the push wakes it).
        state = enroll(tmp, base, "xiaowan-01", "小湾村代办点")
        agent_log = open(os.path.join(tmp, "agent.log"), "w")
        agent = subprocess.Popen([SYNC, "run", "--state", state, "--hub", base, "--url", base + "/channels/town",
                                  "--trust", trust, "--interval", "3600", "--village", "xiaowan"],
                                 stdout=agent_log, stderr=agent_log)
        procs.append(agent)

        bad_xlsx, good_xlsx = os.path.join(tmp, "小湾村名单-原始.xlsx"), os.path.join(tmp, "小湾村名单.xlsx")
        write_xlsx(bad_xlsx, damaged=True)
        # The accountant's own words for two columns: the clerk maps them once.
        write_xlsx(good_xlsx, damaged=False, header=("村", "组", "老人", "身份证号", "银行账号", "数量", "发放数", "发放日期"))
        header_file = os.path.join(tmp, FUND + ".yaml")
        open(header_file, "w").write(HEADER)

        d = browser()
        drivers.append(d)
        d.set_window_size(1440, 1800)
        wait = WebDriverWait(d, 20)

        # 经办: a new change.
        login(d, base, *CLERK)
        wait.until(lambda d: "/console/" in d.current_url and "login" not in d.current_url)
        d.get(base + "/console/publish.html")
        wait.until(lambda d: "签名密钥" in text_of(d, "setup"))
        check(d.find_element(By.ID, "tpl-household").get_attribute("href").endswith("/templates/household.xlsx"),
              "the page offers the household template")
        shot(d, "publish-list")
        d.find_element(By.ID, "title").send_keys("小湾村12月高龄津贴发放名单")
        d.find_element(By.ID, "new").click()
        wait.until(lambda d: "change.html?id=" in d.current_url)
        change_path = "/console/api/changes/" + d.current_url.split("id=")[1]
        wait.until(lambda d: "小湾村12月高龄津贴" in text_of(d, "title"))

        # A second change prepared at the same time (empty), submitted: it goes stale when the
        # first one is published.
        wait.until(lambda d: d.execute_script("return Console.session() !== null"))
        other = page_api(d, "POST", "/console/api/changes", {"title": "同时准备的另一个修改"})
        other_path = "/console/api/changes/" + str(other.get("id"))
        check("error" not in page_api(d, "POST", other_path + "/submit", {}), "a second change is submitted")

        # The new publication's header, as a YAML file (bulk path).
        d.find_element(By.ID, "path").send_keys(f"funds/{FUND}.yaml")
        d.find_element(By.ID, "yamlfile").send_keys(header_file)
        d.find_element(By.ID, "upload-file").click()
        wait.until(lambda d: f"funds/{FUND}.yaml" in text_of(d, "message"))
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f"#fund option[value='{FUND}']"))
        check("问题" in text_of(d, "problems"), "without its rows the new publication is listed as a problem")

        # The damaged sheet: every damaged ID cell named.
        d.find_element(By.CSS_SELECTOR, f"#fund option[value='{FUND}']").click()
        d.find_element(By.ID, "sheetfile").send_keys(bad_xlsx)
        d.find_element(By.ID, "upload").click()
        wait.until(lambda d: d.find_elements(By.ID, "cell-problems"))
        table = text_of(d, "cell-problems")
        check(all(f"名单!D{r}" in table for r in (2, 3, 4)), "the damaged ID cells D2, D3, D4 are named: " + table[:300])
        check("表格没有导入" in text_of(d, "sheet-result"), "nothing is imported while a problem is left")
        shot(d, "publish-damaged-sheet")

        # The fixed sheet.
        d.find_element(By.ID, "sheetfile").clear()
        d.find_element(By.ID, "sheetfile").send_keys(good_xlsx)
        d.find_element(By.ID, "upload").click()
        wait.until(lambda d: d.find_element(By.ID, "mapping").is_displayed())
        check("没有认出" in text_of(d, "mapping"), "unknown column names: the page asks which column is which")
        check(d.find_element(By.ID, "map-村").get_attribute("value") == "A", "columns found by name are preselected")
        shot(d, "publish-mapping")
        d.find_element(By.CSS_SELECTOR, "[id='map-姓名'] option[value='C']").click()
        d.find_element(By.CSS_SELECTOR, "[id='map-金额'] option[value='G']").click()
        d.find_element(By.ID, "upload").click()
        wait.until(lambda d: "已从工作表“名单”导入 3 行" in text_of(d, "sheet-result"))
        # The mapping is remembered for the fund kind: the same sheet again needs no questions.
        d.execute_script("document.getElementById('sheet-result').textContent = ''")
        d.find_element(By.ID, "upload").click()
        wait.until(lambda d: "已从工作表“名单”导入 3 行" in text_of(d, "sheet-result"))
        check(not d.find_element(By.ID, "mapping").is_displayed(), "the column mapping is remembered on the hub")
        wait.until(lambda d: "3 行，合计" in text_of(d, "report"))
        report = text_of(d, "report")
        check("新增" in report and "3 行，合计 200.00 元" in report, "the change report gives the rows and total: " + report[:200])
        check("4326**********7704" in report and "李*梅" in report, "the report shows what de-identification did")
        check("432625194609257704" not in d.page_source, "no raw ID number in the page")

        # A notice through the form: the importer's own check names the wrong field.
        d.find_element(By.CSS_SELECTOR, "#item-kind option[value='notices']").click()
        d.find_element(By.ID, "item-open").click()
        wait.until(lambda d: d.find_element(By.ID, "item-form").is_displayed())
        d.find_element(By.ID, "f-id").send_keys("xiaowan-gaoling-2026-12")
        d.find_element(By.ID, "f-title").send_keys("小湾村高龄津贴名单正在公示")
        d.find_element(By.ID, "f-body").send_keys("请到村代办点或本机“资金公开”核对，有疑问在公示期内反映。")
        set_value(d, "f-start", "2026-12-01")
        set_value(d, "f-end", "2026-11-01")
        d.find_element(By.ID, "item-save").click()
        wait.until(lambda d: "问题" in text_of(d, "item-result"))
        end_problem = d.find_elements(By.CSS_SELECTOR, "#item-form [data-field='end'] .field-problem")
        check(end_problem and "结束日期" in end_problem[0].text,
              "the notice form shows the importer's problem under its field: " + text_of(d, "item-form")[:200])
        set_value(d, "f-end", "2026-12-10")
        d.find_element(By.ID, "item-save").click()
        wait.until(lambda d: "检查通过" in text_of(d, "item-result"))
        shot(d, "publish-notice-form")
        d.get(d.current_url)  # the report now lists the notice too
        wait.until(lambda d: "小湾村高龄津贴名单正在公示" in text_of(d, "report"))
        check(True, "the change report lists the new notice")

        # Preview pictures by the kiosk itself.
        t_preview = time.time()
        d.find_element(By.ID, "preview").click()
        WebDriverWait(d, 150).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#pictures img")) >= 6)
        print(f"preview pictures made in {time.time() - t_preview:.1f} s")
        WebDriverWait(d, 20).until(lambda d: d.execute_script(
            "return Array.from(document.querySelectorAll('#pictures img')).every(i => i.complete && i.naturalWidth > 0)"))
        sizes = d.execute_script(
            "return Array.from(document.querySelectorAll('#pictures img')).map(i => i.naturalWidth + 'x' + i.naturalHeight)")
        check("1080x1920" in sizes and "1280x800" in sizes, "preview pictures: hall portrait and village tablet " + str(sizes))
        captions = text_of(d, "pictures")
        check("长辈模式" in captions and "村代办点平板" in captions and "首页" in captions,
              "the pictures say which screen they show (the publication, and home for the notice)")
        d.execute_script("document.getElementById('pictures').scrollIntoView()")
        shot(d, "publish-preview")
        check(not d.find_element(By.ID, "pictures-stale").is_displayed() and not pictures_marked_stale(d),
              "pictures just made are not marked out of date")

        # The new publication's header in its form: total and count checked against the rows.
        t_forms = time.time()
        def open_form(kind, path=""):
            d.find_element(By.CSS_SELECTOR, f"#item-kind option[value='{kind}']").click()
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f"#item-pick option[value='{path}']"))
            d.find_element(By.CSS_SELECTOR, f"#item-pick option[value='{path}']").click()
            d.find_element(By.ID, "item-open").click()
            # this item's form (not the last one of the same kind, still on the page)
            wait.until(lambda d: d.find_elements(
                By.CSS_SELECTOR, f"#item-form[data-kind='{kind}'][data-path='{path}'] #item-save"))

        def save_form(until):
            d.execute_script("document.getElementById('item-result').textContent = ''")
            d.find_element(By.ID, "item-save").click()
            wait.until(lambda d: until in text_of(d, "item-result"))

        open_form("funds", f"funds/{FUND}.yaml")
        wait.until(lambda d: d.find_elements(By.ID, "rows-check"))
        check("3 行" in text_of(d, "rows-check") and "200.00 元" in text_of(d, "rows-check"),
              "the header's form says what the rows hold: " + text_of(d, "rows-check"))
        d.find_element(By.ID, "f-total").send_keys("250.00")
        d.find_element(By.ID, "f-count").send_keys("3")
        save_form("问题")
        total_problem = d.find_elements(By.CSS_SELECTOR, "#item-form [data-field='total'] .field-problem")
        check(total_problem and "250.00" in total_problem[0].text and "200.00" in total_problem[0].text,
              "a header total that the rows do not add up to is named under 合计金额: "
              + (total_problem[0].text if total_problem else text_of(d, "item-form")[:300]))
        d.execute_script("document.querySelector(\"#item-form [data-field='total']\").scrollIntoView()")
        shot(d, "publish-fund-header-form")
        d.find_element(By.ID, "rows-fill").click()
        save_form("检查通过")
        # The change was edited after the pictures were made: they are greyed and marked.
        WebDriverWait(d, 10).until(pictures_marked_stale)
        check(True, "after a form edit the old preview pictures are greyed and say 内容已修改，请重新生成预览")
        d.execute_script("document.getElementById('pictures-stale').scrollIntoView()")
        shot(d, "publish-preview-stale")
        d.refresh()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#pictures img")) >= 6)
        check(pictures_marked_stale(d), "the pictures stay marked out of date when the page is opened again")

        # A service guide through its form: a required element left out is named by its field,
        # then the guide passes the importer and the report lists it.
        open_form("guides")
        for key, shown in (("form", "原件"), ("medium", "纸质")):
            sel = d.find_element(By.ID, f"f-materials.1.{key}")
            values = [o.get_attribute("value") for o in sel.find_elements(By.TAG_NAME, "option")]
            check(sel.get_attribute("value") == shown and "" not in values,
                  f"a new material's {key} shows {shown}, what a blank would mean, and offers no blank: {values}")
        code = "432625000MZ-JF-0099"
        for key, value in (("code", code), ("name", "临时生活补助申请"), ("conditions", "本镇户籍居民"),
                           ("materials.1.name", "居民身份证"), ("process.1.name", "申请"),
                           ("time_limit.promised_days", "5"), ("visits", "1"), ("version", "2026.1")):
            d.find_element(By.ID, "f-" + key).send_keys(value)
        for css in ("#f-type option[value='行政给付']", "#f-department option[value='minzheng']",
                    "#f-catalogue option[value='zwfw/bszn/gr']", "[data-key='serves'] input[value='自然人']",
                    "[data-key='topics'] input[value='minzhengjiuzhu']"):
            d.find_element(By.CSS_SELECTOR, "#item-form " + css).click()
        for key in ("effective", "updated"):
            set_value(d, "f-" + key, "2026-12-01")
        save_form("问题")
        summary_problem = d.find_elements(By.CSS_SELECTOR, "#item-form [data-field='summary'] .field-problem")
        check(summary_problem and "简版指南" in summary_problem[0].text,
              "the guide's missing 简版指南 is named under its field: " + text_of(d, "item-form")[:300])
        d.execute_script("document.querySelector(\"#item-form [data-field='summary']\").scrollIntoView()")
        shot(d, "publish-guide-form")
        d.find_element(By.ID, "f-summary").send_keys("家里突遇困难的，带身份证到镇民政办申请。")
        save_form("检查通过")
        wait.until(lambda d: "临时生活补助申请" in text_of(d, "report"))
        check(True, "the form-made guide passes the importer and the change report lists it")
        written = page_text(d, change_path + f"/file?path=guides/{code}.yaml")
        check("form: 原件" in written and "medium: 纸质" in written,
              "the guide's file says 原件 and 纸质 as the form showed them: " + written[:400])

        # A card that site.yaml's colloquial names still use (防诈骗 … → 防范电信诈骗): not deleted,
        # and the refusal says where, beside the 删除 button that was pressed.
        open_form("cards", "cards/fangzha.yaml")
        wait.until(lambda d: d.find_elements(By.ID, "item-delete"))[0].click()
        wait.until(lambda d: d.switch_to.alert).accept()
        refusal = wait.until(lambda d: d.find_elements(By.ID, "delete-refused"))[0]
        check("别处还用着它" in refusal.text and "site.yaml" in refusal.text and "colloquial_names" in refusal.text,
              "deleting a card still used is refused, naming where it is used: " + refusal.text[:300])
        beside = d.execute_script(
            "var b = document.getElementById('item-delete'), r = document.getElementById('delete-refused');"
            "var rb = b.getBoundingClientRect(), rr = r.getBoundingClientRect();"
            "return b.nextElementSibling === r && rr.top >= 0 && rr.bottom <= window.innerHeight"
            " && rb.top >= 0 && Math.abs(rr.top - rb.top) < 200;")
        check(beside, "the refusal is beside the 删除 button, all of it in sight with the button")
        check("cards/fangzha.yaml" in [o.get_attribute("value") for o in
                                       d.find_elements(By.CSS_SELECTOR, "#item-pick option")]
              and not [r for r in d.find_elements(By.CSS_SELECTOR, "#report tr") if "防范电信诈骗" in r.text],
              "the card is still in the change")
        shot(d, "publish-delete-refused")

        # Delete: a card removed from the change, after a confirmation, shows as removed.
        open_form("cards", "cards/senlin-fanghuo.yaml")
        wait.until(lambda d: d.find_elements(By.ID, "item-delete"))[0].click()
        alert = wait.until(lambda d: d.switch_to.alert)
        check("删除" in alert.text, "deleting asks for confirmation: " + alert.text)
        alert.accept()
        wait.until(lambda d: "已删除" in text_of(d, "item-result"))
        wait.until(lambda d: "森林防火明白卡" in text_of(d, "report"))
        row = [r.text for r in d.find_elements(By.CSS_SELECTOR, "#report tr") if "森林防火明白卡" in r.text]
        check(row and row[0].startswith("删除"), "the change report shows the card as removed: " + str(row))
        d.execute_script("document.getElementById('report').scrollIntoView()")
        shot(d, "publish-report-removed")
        print(f"header form, guide form and delete took {time.time() - t_forms:.1f} s")

        # CSRF and roles on the new routes.
        check(fetch_in_page(d, "POST", change_path + "/submit", {}) == 403, "submit without the CSRF token is refused")
        check(fetch_in_page(d, "POST", change_path + "/sheet", {}) == 403, "a sheet upload without the CSRF token is refused")
        csrf = d.execute_script("return Console.session().csrf")
        check(fetch_in_page(d, "POST", change_path + "/approve", {"X-CSRF-Token": csrf}) == 403,
              "a 经办 cannot approve (their own) change")

        problems = page_api(d, "GET", change_path).get("problems")
        check(problems == [], "the change has no problem left before it is submitted: " + str(problems))
        # Pictures made again show the change as it is now: no longer marked.
        check(pictures_marked_stale(d), "before they are made again, the pictures are still marked out of date")
        d.find_element(By.ID, "preview").click()
        WebDriverWait(d, 150).until(lambda d: "共 " in text_of(d, "preview-status"))
        check(not d.find_element(By.ID, "pictures-stale").is_displayed() and not pictures_marked_stale(d),
              "pictures made again after the edits are no longer marked out of date")
        d.find_element(By.ID, "submit").click()
        wait.until(lambda d: "待审核" in text_of(d, "state"))
        check(not d.find_element(By.ID, "edit").is_displayed(), "a submitted change is no longer editable")

        page = base + change_path.replace("/console/api/changes/", "/console/change.html?id=")

        # 审核 sends it back with a comment; the 经办 sees it, and submits again.
        switch_user(d, base, *APPROVER, then=page)
        wait.until(lambda d: d.find_element(By.ID, "review-box").is_displayed())
        d.find_element(By.ID, "return-comment").send_keys("请核对谭娥玉的月数")
        d.find_element(By.ID, "return").click()
        wait.until(lambda d: "已退回" in text_of(d, "state"))
        switch_user(d, base, *CLERK, then=page)
        wait.until(lambda d: "请核对谭娥玉的月数" in text_of(d, "comment"))
        check(d.find_element(By.ID, "submit-box").is_displayed(), "the 经办 sees the approver's comment and can resubmit")
        shot(d, "publish-returned")
        d.find_element(By.ID, "submit").click()
        wait.until(lambda d: "待审核" in text_of(d, "state"))

        # 审核: wrong passphrase, then approval.
        switch_user(d, base, *APPROVER, then=page)
        wait.until(lambda d: d.find_element(By.ID, "review-box").is_displayed())
        wait.until(lambda d: "3 行，合计" in text_of(d, "report"))
        d.find_element(By.ID, "passphrase").send_keys("not the passphrase")
        d.find_element(By.ID, "approve").click()
        WebDriverWait(d, 30).until(lambda d: "签名口令不对" in text_of(d, "message"))
        check(True, "a wrong passphrase is refused")
        d.find_element(By.ID, "passphrase").clear()
        d.find_element(By.ID, "passphrase").send_keys(PASSPHRASE)
        t0 = time.time()
        d.find_element(By.ID, "approve").click()
        WebDriverWait(d, 60).until(lambda d: "已批准并发布为第 1 版" in text_of(d, "message"))
        print(f"approval built, signed and published in {time.time() - t0:.1f} s")
        wait.until(lambda d: "已发布" in text_of(d, "state"))
        stale = page_api(d, "POST", other_path + "/approve", {"passphrase": PASSPHRASE})
        check("又有别的修改发布了" in stale.get("error", ""),
              "a change prepared before another was published is refused at approval: " + str(stale))
        check("第 1 版" in text_of(d, "state"), "the change is published as version 1")
        d.execute_script("window.scrollTo(0, 0)")
        shot(d, "publish-approved")

        # The terminal, woken by the push channel, installs version 1.
        link = os.path.join(state, "content.db")
        for _ in range(300):
            if os.path.exists(link):
                break
            time.sleep(0.1)
        check(os.path.exists(link), "the pushed terminal installed the new version")
        status = subprocess.run([SYNC, "status", "--state", state], capture_output=True, text=True, timeout=30).stdout
        check("1" in status, "bianmin-sync status: " + status.strip().replace("\n", " | "))

        # The kiosk on that terminal shows the new publication.
        pic = os.path.join(tmp, "kiosk.png")
        k = subprocess.run([KIOSK, "--headless", "--content", link, "--state-dir", state, "--today", "2026-12-02",
                            "--time", "10:30", "--size", "1080x1920", "--route", f"funds/xiaowan/{FUND}",
                            "--screenshot", pic, "--layout-report"], capture_output=True, text=True, timeout=60, env=KIOSK_ENV)
        layout = open(pic + ".layout.tsv").read() if os.path.exists(pic + ".layout.tsv") else ""
        check(k.returncode == 0 and "小湾村2026年12月高龄津贴发放公示" in layout and "李*梅" in layout,
              "the terminal's kiosk shows the new publication with masked names")
        os.makedirs(SCREENS, exist_ok=True)
        if os.path.exists(pic):
            shutil.copy(pic, os.path.join(SCREENS, "publish-terminal-kiosk.png"))

        # One source of truth: the hub's source folder holds the approved change.
        check(os.path.exists(os.path.join(source, "funds", FUND + ".csv")), "the hub's source folder holds the new rows")
        c = subprocess.run([PUBLISH, "check", source], capture_output=True, text=True, timeout=60)
        check(c.returncode == 0, "bianmin-publish check passes on the hub's source folder")

        d.get(base + "/console/audit.html")
        wait.until(lambda d: "批准发布" in d.find_element(By.TAG_NAME, "body").text)
        body = d.find_element(By.TAG_NAME, "body").text
        check(all(a in body for a in ("新建修改", "导入表格未通过", "导入表格", "新建条目", "修改条目", "删除条目", "提交审核",
                                   "退回修改", "批准失败", "批准发布")),
              "every step is in the audit log")
    finally:
        stop_all(drivers, procs)
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
