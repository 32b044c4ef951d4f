// The terminals page (issue 18): every terminal's state and the alerts, refreshed every 30 s.
"use strict";
(function () {
  var C = Console;
  var OUTCOME = { up_to_date: "已是最新", updated: "已更新", failed: "失败" };

  function cell(tr, cls, main, sub) {
    var td = C.make("td", cls);
    if (main instanceof Node) td.appendChild(main); else td.appendChild(C.make("div", "", main));
    if (sub) td.appendChild(C.make("div", "sub", sub));
    tr.appendChild(td);
    return td;
  }
  function disk(mb) {
    if (mb >= 1024) return (mb / 1024).toFixed(1) + " GB";
    return mb + " MB";
  }
  function duration(s) {
    if (s < 3600) return Math.floor(s / 60) + " 分钟";
    if (s < 86400 * 2) return Math.floor(s / 3600) + " 小时";
    return Math.floor(s / 86400) + " 天";
  }
  function has(t, kind) { return t.alerts.some(function (a) { return a.kind === kind; }); }

  function row(t, now) {
    var tr = C.make("tr", t.alerts.length ? "attention" : "");
    tr.dataset.terminal = t.id;
    cell(tr, "", C.make("strong", "", t.name || t.id), t.name ? "编号 " + t.id : "");
    cell(tr, "", t.village || "—");
    var seen = C.make("div", has(t, "silent") ? "bad" : "", C.ago(t.last_seen, now));
    cell(tr, "num", seen, t.last_seen ? C.when(t.last_seen) : "");
    var ver;
    if (t.content_version === 0) ver = C.make("div", "warn", "还没有内容");
    else if (t.behind_by === 0) ver = C.make("div", "ok", "第 " + t.content_version + " 版（最新）");
    else ver = C.make("div", t.behind_by > 1 ? "bad" : "warn", "第 " + t.content_version + " 版，落后 " + t.behind_by + " 个版本");
    cell(tr, "num", ver, t.unconfirmed ? "无法确认是否最新" : (t.latest_version ? "中心最新：第 " + t.latest_version + " 版" : ""));
    var pcls = t.printer_state === "ok" ? "ok" : (t.printer_state === "" || t.printer_state === "none") ? "" : "bad";
    cell(tr, "num", C.make("div", pcls, t.printer_words));
    cell(tr, "num", t.last_seen ? disk(t.disk_free_mb) : "—");
    if (t.sync_outcome) {
      var o = C.make("div", t.sync_outcome === "failed" ? "bad" : "ok", OUTCOME[t.sync_outcome] + "（" + C.when(t.sync_run_at) + "）");
      var sub = t.sync_outcome === "failed" ? "上次成功：" + C.when(t.sync_success_at) + "。" + t.sync_message : "";
      cell(tr, "", o, sub);
    } else {
      cell(tr, "", "未上报");
    }
    // The machine's uptime, and the kiosk's as systemd reports it ("" = no systemd to ask).
    var kiosk;
    if (!t.kiosk_state) kiosk = "终端程序运行时间、重启次数：未上报";
    else if (t.kiosk_state === "active")
      kiosk = "终端程序已运行 " + duration(t.kiosk_up_s) + "，重启 " + t.kiosk_restarts + " 次";
    else kiosk = "终端程序没有运行（重启 " + t.kiosk_restarts + " 次）";
    var td = cell(tr, "num", t.uptime_s ? "设备 " + duration(t.uptime_s) : "—", kiosk);
    if (t.kiosk_state && t.kiosk_state !== "active") td.lastChild.className = "sub bad";
    tr.appendChild(screen(t));
    return tr;
  }

  // A screenshot on request: the terminal sends its current screen with its next contact, or
  // says why it will not (a fund table with names on screen, unless the hall allows it).
  function screen(t) {
    var td = C.make("td", "screen");
    var s = t.screenshot;
    var b = C.make("button", "", s && s.pending ? "已请求截屏" : "查看当前屏幕");
    b.type = "button";
    b.dataset.action = "screenshot";
    b.disabled = !!(s && s.pending);
    b.addEventListener("click", function () { askScreen(t.id, b); });
    td.appendChild(b);
    if (!s) return td;
    if (s.pending)
      td.appendChild(C.make("div", "sub", C.when(s.requested_at) + " 已请求，终端下次联系时发来"));
    if (s.outcome === "refused") {
      var why = s.refused_names ? "终端拒绝截屏：屏幕上正显示带姓名的资金公示表（本中心未允许截取）"
                                : "终端没能截屏：" + s.message;
      var r = C.make("div", "warn", why);
      r.dataset.refused = s.refused_names ? "names" : "other";
      td.appendChild(r);
      td.appendChild(C.make("div", "sub", "答复于 " + C.when(s.answered_at)));
    }
    if (s.image_at) {
      var a = C.make("a");
      a.href = "/console/api/terminals/" + encodeURIComponent(t.id) + "/screenshot.png?t=" + s.image_at;
      a.target = "_blank";
      var img = C.make("img", "shot");
      img.src = a.href;
      img.alt = (t.name || t.id) + " 的屏幕";
      a.appendChild(img);
      td.appendChild(a);
      td.appendChild(C.make("div", "sub shot-time", "截于 " + C.when(s.image_at)));
    }
    return td;
  }

  function askScreen(id, button) {
    button.disabled = true;
    C.api("POST", "/console/api/terminals/" + encodeURIComponent(id) + "/screenshot", {}).then(function () {
      load();
      // A terminal holding the push channel answers within seconds, others with their next
      // contact: look again every second for 2 minutes.
      var tries = 0;
      var timer = setInterval(function () {
        C.api("GET", "/console/api/terminals/" + encodeURIComponent(id) + "/screenshot").then(function (s) {
          if (!s.pending || ++tries > 120) { clearInterval(timer); load(); }
        }).catch(function () { clearInterval(timer); });
      }, 1000);
    }).catch(function (e) {
      button.disabled = false;
      C.text(document.getElementById("summary"), "请求截屏失败：" + e.message);
    });
  }

  function render(data) {
    var now = data.now;
    var body = document.querySelector("#terminals tbody");
    body.textContent = "";
    // Terminals that need attention first, then by id (as the hub lists them).
    var list = data.terminals.slice().sort(function (a, b) {
      return (b.alerts.length > 0) - (a.alerts.length > 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    list.forEach(function (t) { body.appendChild(row(t, now)); });
    var box = document.getElementById("alerts");
    box.textContent = "";
    if (data.alerts.length) {
      var div = C.make("div", "alerts");
      div.id = "alert-list";
      div.appendChild(C.make("h2", "", "需要处理（" + data.alerts.length + " 项）"));
      var ul = C.make("ul");
      data.alerts.forEach(function (a) {
        var li = C.make("li", "", a.text);
        li.dataset.kind = a.kind;
        li.dataset.terminal = a.terminal_id;
        ul.appendChild(li);
      });
      div.appendChild(ul);
      box.appendChild(div);
    } else {
      box.appendChild(C.make("div", "noalerts", "所有终端正常，没有需要处理的事项"));
    }
    C.text(document.getElementById("summary"),
           "共 " + data.terminals.length + " 台终端，更新于 " + C.when(now) + "（每 30 秒自动刷新）");
  }

  function load() {
    C.api("GET", "/console/api/terminals").then(render).catch(function (e) {
      C.text(document.getElementById("summary"), "读取失败：" + e.message);
    });
  }
  C.start(function () {
    load();
    setInterval(load, 30000);
  });
})();
