// The audit log: who did what and when, newest first (the last 500 entries).
"use strict";
(function () {
  var C = Console;
  C.start(function () {
    C.api("GET", "/console/api/audit").then(function (data) {
      var body = document.querySelector("#audit tbody");
      data.entries.forEach(function (e) {
        var tr = C.make("tr");
        [C.when(e.at), e.user || "—", e.action, e.detail, e.address].forEach(function (v, i) {
          tr.appendChild(C.make("td", i === 0 ? "num" : "", v));
        });
        body.appendChild(tr);
      });
      C.text(document.getElementById("summary"), "最近 " + data.entries.length + " 条记录，最新的在最上面");
    }).catch(function (e) { C.text(document.getElementById("summary"), "读取失败：" + e.message); });
  });
})();
