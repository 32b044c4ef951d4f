// 发布内容: the list of changes, a new change (经办), the spreadsheet templates.
"use strict";
(function () {
  var C = Console;

  function message(s, kind) {
    var m = document.getElementById("message");
    C.text(m, s || "");
    m.className = "message " + (kind || "error") + (s ? "" : " hidden");
  }

  function load() {
    C.api("GET", "/console/api/changes").then(function (j) {
      var setup = [];
      setup.push(j.channel ? "发布到频道：" + j.channel : "还没有设置发布频道（--publish-channel），审核后无法发布");
      setup.push(j.key_id ? "签名密钥：" + j.key_id + "（审核时输入签名口令）" : "签名密钥：" + j.key_problem);
      if (!j.source_ok) setup.push("内容源目录还没有准备好，请联系管理员");
      C.text(document.getElementById("setup"), setup.join("　·　"));
      var body = document.querySelector("#changes tbody");
      body.textContent = "";
      if (!j.changes.length) {
        var tr = C.make("tr");
        var td = C.make("td", "", "还没有修改");
        td.colSpan = 6;
        tr.appendChild(td);
        body.appendChild(tr);
      }
      j.changes.forEach(function (c) {
        var tr = C.make("tr", c.state === "submitted" || c.state === "returned" ? "attention" : "");
        tr.appendChild(C.make("td", "num", "#" + c.id));
        var td = C.make("td");
        var a = C.make("a", "", c.title);
        a.href = "/console/change.html?id=" + c.id;
        td.appendChild(a);
        tr.appendChild(td);
        tr.appendChild(C.make("td", "state-" + c.state, c.state_label + (c.version ? "（第 " + c.version + " 版）" : "")));
        tr.appendChild(C.make("td", "", c.author_name || c.author));
        tr.appendChild(C.make("td", "", c.reviewer_name || c.reviewer || "—"));
        tr.appendChild(C.make("td", "num", C.when(c.updated_at)));
        body.appendChild(tr);
      });
    }).catch(function (e) { message(e.message); });
  }

  C.start(function (s) {
    if (s.role === "clerk") document.getElementById("create").classList.remove("hidden");
    document.getElementById("new").addEventListener("click", function () {
      var title = document.getElementById("title").value.trim();
      if (!title) return message("请先写一句话说明这次修改");
      C.api("POST", "/console/api/changes", { title: title }).then(function (c) {
        window.location.href = "/console/change.html?id=" + c.id;
      }).catch(function (e) { message(e.message); });
    });
    load();
  });
})();
