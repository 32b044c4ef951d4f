// 好差评月报: counts per level and indicator for each service and each terminal, the
// suggestions, and the follow-up of every 差评 (owner, deadline, outcome) which staff edit here.
"use strict";
(function () {
  var C = Console;
  var monthInput = document.getElementById("month");

  function thisMonth() {
    var d = new Date();
    return d.getFullYear() + "-" + (d.getMonth() < 9 ? "0" : "") + (d.getMonth() + 1);
  }

  function message(s) {
    var m = document.getElementById("message");
    C.text(m, s || "");
    m.classList.toggle("hidden", !s);
  }

  // One table per service or terminal: rows are the indicators, columns the five levels.
  function countsTable(title, counts, levels) {
    var box = C.make("div", "counts");
    box.appendChild(C.make("h3", "", title + "（共 " + counts.ratings + " 条评价，差评 " + counts.poor + " 条）"));
    var t = C.make("table");
    var head = C.make("tr");
    head.appendChild(C.make("th", "", "指标"));
    levels.forEach(function (l) { head.appendChild(C.make("th", "", l)); });
    var thead = C.make("thead");
    thead.appendChild(head);
    t.appendChild(thead);
    var body = C.make("tbody");
    counts.indicators.forEach(function (ind) {
      var tr = C.make("tr");
      tr.appendChild(C.make("td", "", ind.indicator));
      ind.levels.forEach(function (n, i) { tr.appendChild(C.make("td", n && i >= 3 ? "num bad" : "num", String(n))); });
      body.appendChild(tr);
    });
    t.appendChild(body);
    box.appendChild(t);
    return box;
  }

  function input(value, cls, type) {
    var el = C.make("input", cls);
    el.type = type || "text";
    el.value = value;
    return el;
  }

  function followupRow(f) {
    var tr = C.make("tr", f.done ? "" : "attention");
    tr.dataset.id = f.id;
    [C.when(f.at), f.terminal_name || f.terminal_id, f.service].forEach(function (v, i) { tr.appendChild(C.make("td", i === 0 ? "num" : "", v)); });
    tr.appendChild(C.make("td", "num bad", f.level));
    tr.appendChild(C.make("td", "", f.reasons || "—"));
    var owner = input(f.owner, "owner"), deadline = input(f.deadline, "deadline", "date");
    var outcome = C.make("textarea", "outcome");
    outcome.value = f.outcome;
    var done = input("", "done", "checkbox");
    done.checked = f.done;
    [owner, deadline, outcome, done].forEach(function (el) {
      var td = C.make("td");
      td.appendChild(el);
      tr.appendChild(td);
    });
    var save = C.make("button", "save", "保存");
    save.type = "button";
    var state = C.make("div", "sub state", f.updated_by ? "由 " + f.updated_by + " 于 " + C.when(f.updated_at) + " 更新" : "尚未填写");
    save.addEventListener("click", function () {
      save.disabled = true;
      C.api("POST", "/console/api/followups/" + f.id,
            { owner: owner.value, deadline: deadline.value, outcome: outcome.value, done: done.checked })
        .then(function (g) {
          message("");
          tr.classList.toggle("attention", !g.done);
          C.text(state, "已保存：由 " + g.updated_by + " 于 " + C.when(g.updated_at) + " 更新");
        })
        .catch(function (e) { message("保存失败：" + e.message); })
        .then(function () { save.disabled = false; });
    });
    var td = C.make("td");
    td.appendChild(save);
    td.appendChild(state);
    tr.appendChild(td);
    return tr;
  }

  function load() {
    var month = monthInput.value || thisMonth();
    document.getElementById("csv").href = "/console/api/ratings.csv?month=" + encodeURIComponent(month);
    C.api("GET", "/console/api/ratings?month=" + encodeURIComponent(month)).then(function (r) {
      message("");
      var a = r.all;
      C.text(document.getElementById("summary"), r.month + "：共 " + a.ratings + " 条评价，差评 " + a.poor +
             " 条，意见建议 " + r.suggestions.length + " 条。差评的办结期限为评价后 " + r.followup_days + " 个工作日。");
      var fb = document.querySelector("#followups tbody");
      fb.innerHTML = "";
      r.followups.forEach(function (f) { fb.appendChild(followupRow(f)); });
      if (!r.followups.length) {
        var tr = C.make("tr");
        var td = C.make("td", "sub", "本月没有差评");
        td.colSpan = 10;
        tr.appendChild(td);
        fb.appendChild(tr);
      }
      var sv = document.getElementById("services");
      sv.innerHTML = "";
      r.services.forEach(function (s) { sv.appendChild(countsTable(s.name, s, r.levels)); });
      if (!r.services.length) sv.appendChild(C.make("p", "sub", "本月没有评价"));
      var tv = document.getElementById("terminals");
      tv.innerHTML = "";
      r.terminals.forEach(function (t) { tv.appendChild(countsTable((t.name || t.id) + "（" + t.id + "）", t, r.levels)); });
      if (!r.terminals.length) tv.appendChild(C.make("p", "sub", "本月没有评价"));
      var sb = document.querySelector("#suggestions tbody");
      sb.innerHTML = "";
      r.suggestions.forEach(function (s) {
        var tr = C.make("tr");
        [C.when(s.at), s.terminal_name || s.terminal_id, s.service, s.text].forEach(function (v, i) {
          tr.appendChild(C.make("td", i === 0 ? "num" : "", v));
        });
        sb.appendChild(tr);
      });
    }).catch(function (e) { C.text(document.getElementById("summary"), "读取失败：" + e.message); });
  }

  C.start(function () {
    var q = /[?&]month=(\d{4}-\d{2})/.exec(window.location.search);
    monthInput.value = q ? q[1] : thisMonth();
    document.getElementById("show").addEventListener("click", load);
    load();
  });
})();
