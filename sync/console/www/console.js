// Shared by every console page but the login page: who is logged in, the CSRF token, the
// header, and calls to /console/api/ (a 401 goes back to the login page).
"use strict";
var Console = (function () {
  var session = null;

  function toLogin(expired) {
    window.location.href = "/console/login.html" + (expired ? "?expired=1" : "");
  }

  // fetch() for the console's API: JSON in and out; state-changing calls carry the CSRF token.
  // A refusal rejects with an Error whose message is the hub's words and whose `body` is the
  // whole answer (some refusals say more, e.g. where a deleted item is still used).
  function api(method, path, body) {
    var headers = { "Accept": "application/json" };
    if (method !== "GET") {
      headers["Content-Type"] = "application/json";
      if (session) headers["X-CSRF-Token"] = session.csrf;
    }
    return fetch(path, { method: method, headers: headers, credentials: "same-origin",
                         body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (j) {
          if (r.status === 401) { toLogin(j.expired); throw new Error(j.error || "请先登录"); }
          if (!r.ok) {
            var e = new Error(j.error || ("出错了（" + r.status + "）"));
            e.body = j;
            throw e;
          }
          return j;
        });
      });
  }

  function text(el, s) { el.textContent = s; return el; }
  function make(tag, cls, s) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (s !== undefined) el.textContent = s;
    return el;
  }

  function pad(n) { return n < 10 ? "0" + n : "" + n; }
  // A unix time as the hall reads it: 12月2日 09:05
  function when(t) {
    if (!t) return "从未";
    var d = new Date(t * 1000);
    return (d.getMonth() + 1) + "月" + d.getDate() + "日 " + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }
  // How long ago: 刚才, 9 秒前, 5 分钟前, 3 小时前, 2 天前
  function ago(t, now) {
    if (!t) return "从未";
    var s = Math.max(0, now - t);
    if (s < 5) return "刚才";
    if (s < 60) return s + " 秒前";
    if (s < 3600) return Math.floor(s / 60) + " 分钟前";
    if (s < 86400 * 2) return Math.floor(s / 3600) + " 小时前";
    return Math.floor(s / 86400) + " 天前";
  }

  // Fills the header and calls ready(session) once logged in.
  function start(ready) {
    api("GET", "/console/api/session").then(function (s) {
      session = s;
      text(document.getElementById("who"), s.display_name + "（" + s.role_label + "）");
      document.getElementById("logout").addEventListener("click", function () {
        api("POST", "/console/api/logout", {}).then(function () { toLogin(false); })
          .catch(function (e) { alert(e.message); });
      });
      ready(s);
    }).catch(function () {});
  }

  return { api: api, start: start, make: make, text: text, when: when, ago: ago,
           session: function () { return session; } };
})();
