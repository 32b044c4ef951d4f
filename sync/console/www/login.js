// The login page: sends the user name and password, then goes to the terminals page.
"use strict";
(function () {
  var form = document.getElementById("login-form");
  var msg = document.getElementById("message");
  var button = document.getElementById("submit");
  function show(kind, s) { msg.className = "message " + kind; msg.textContent = s; }
  if (/[?&]expired=1/.test(window.location.search)) show("info", "登录已过期，请重新登录");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    button.disabled = true;
    fetch("/console/api/login", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ user: document.getElementById("user").value,
                             password: document.getElementById("password").value })
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (r.ok) { window.location.href = "/console/"; return; }
        show("error", j.error || "登录失败，请稍后再试");
        document.getElementById("password").value = "";
      });
    }).catch(function () { show("error", "连接不上服务器，请检查网络"); })
      .then(function () { button.disabled = false; });
  });
})();
