// One change: its problems, the fund spreadsheet upload (every problem by cell), source files
// (YAML/CSV) up and down, the change report, preview pictures, submit / approve / send back.
"use strict";
(function () {
  var C = Console;
  var id = new URLSearchParams(window.location.search).get("id");
  var base = "/console/api/changes/" + encodeURIComponent(id);
  var session = null;
  var mappingColumns = null;  // the mapping form's selects, when the header was not found

  function $(x) { return document.getElementById(x); }
  function message(s, kind) {
    C.text($("message"), s || "");
    $("message").className = "message " + (kind || "error") + (s ? "" : " hidden");
  }
  function show(el, on) { el.classList.toggle("hidden", !on); }

  function readFile(input, asText) {
    return new Promise(function (resolve, reject) {
      var f = input.files[0];
      if (!f) return reject(new Error("请先选择文件"));
      var r = new FileReader();
      r.onload = function () {
        resolve({ name: f.name, data: asText ? r.result : String(r.result).replace(/^data:[^,]*,/, "") });
      };
      r.onerror = function () { reject(new Error("读不了这个文件")); };
      if (asText) r.readAsText(f, "utf-8"); else r.readAsDataURL(f);
    });
  }

  function list(el, items) {
    var ul = C.make("ul");
    items.forEach(function (s) { ul.appendChild(C.make("li", "", s)); });
    el.appendChild(ul);
  }

  function renderReport(r) {
    var box = $("report");
    box.textContent = "";
    if (r.empty) { box.appendChild(C.make("p", "sub", "和已发布的内容相比，还没有任何改动。")); return; }
    if (r.site_changed) box.appendChild(C.make("p", "warn", "本镇的基本信息（site.yaml：村、部门、分类等）有改动。"));
    if (r.items.length) {
      var t = C.make("table", "report");
      var h = C.make("tr");
      ["改动", "类别", "名称", "编号"].forEach(function (s) { h.appendChild(C.make("th", "", s)); });
      t.appendChild(h);
      r.items.forEach(function (i) {
        var tr = C.make("tr");
        tr.appendChild(C.make("td", i.what === "删除" ? "bad" : i.what === "新增" ? "ok" : "warn", i.what));
        tr.appendChild(C.make("td", "", i.kind_label));
        tr.appendChild(C.make("td", "", i.title));
        tr.appendChild(C.make("td", "sub", i.id));
        t.appendChild(tr);
      });
      box.appendChild(t);
    }
    r.funds.forEach(function (f) {
      var d = C.make("div", "fund-summary");
      d.appendChild(C.make("h3", "", f.title + "（" + f.what + "）"));
      var rows = f.what === "新增" ? f.rows + " 行，合计 " + f.total + " 元"
        : f.what === "删除" ? "原有 " + f.rows_before + " 行，合计 " + f.total_before + " 元，将不再公示"
        : "原来 " + f.rows_before + " 行、合计 " + f.total_before + " 元 → 现在 " + f.rows + " 行、合计 " + f.total + " 元";
      d.appendChild(C.make("p", "big", rows));
      if (f.deidentified.length) {
        d.appendChild(C.make("p", "", "去标识化（终端上显示的样子）："));
        list(d, f.deidentified);
      }
      box.appendChild(d);
    });
  }

  // `stale`: the change was edited after these pictures were made; they stay, greyed and
  // marked, until the clerk makes new ones.
  function renderPictures(pics, stale) {
    var box = $("pictures");
    box.textContent = "";
    stale = !!stale && pics.length > 0;
    box.classList.toggle("stale", stale);
    show($("pictures-stale"), stale);
    pics.forEach(function (p) {
      var fig = C.make("figure");
      var img = C.make("img");
      img.src = base + "/preview/" + p.file + "?t=" + Date.now();
      img.alt = p.title + " · " + p.variant;
      fig.appendChild(img);
      fig.appendChild(C.make("figcaption", "", p.title + " · " + p.variant));
      box.appendChild(fig);
    });
  }

  function load() {
    return C.api("GET", base).then(function (c) {
      C.text($("title"), "#" + c.id + " " + c.title);
      var st = "状态：" + c.state_label + "　·　经办：" + (c.author_name || c.author);
      if (c.reviewer) st += "　·　审核：" + (c.reviewer_name || c.reviewer);
      if (c.version) st += "　·　已发布为第 " + c.version + " 版";
      C.text($("state"), st);
      show($("comment"), c.state === "returned" && c.comment);
      C.text($("comment"), "审核人员退回：" + c.comment);
      var p = $("problems");
      p.textContent = "";
      if (c.problems.length) {
        p.className = "message error";
        p.appendChild(C.make("strong", "", "还有 " + c.problems.length + " 个问题，改好后才能提交："));
        list(p, c.problems);
      } else {
        p.className = "hidden";
      }
      if (c.stale) message("这个修改准备之后，又有别的修改发布了；批准时会被拒绝，请新建一个修改。", "info");
      var editable = session.role === "clerk" && (c.state === "editing" || c.state === "returned");
      show($("edit"), editable);
      show($("submit-box"), editable);
      show($("review-box"), session.role === "approver" && c.state === "submitted");
      var fund = $("fund"), keep = fund.value;
      fund.textContent = "";
      c.funds.forEach(function (f) {
        var o = C.make("option", "", f.title + "（" + f.id + "）");
        o.value = f.id;
        fund.appendChild(o);
      });
      if (keep) fund.value = keep;
      var files = $("files");
      files.textContent = "";
      c.files.forEach(function (f) {
        var li = C.make("li");
        var a = C.make("a", "", f);
        a.href = base + "/file?path=" + encodeURIComponent(f);
        li.appendChild(a);
        files.appendChild(li);
      });
      renderReport(c.report);
      renderPictures(c.pictures, c.pictures_stale);
      if (c.previews_problem) {  // bianmin-kiosk is only recommended by the hub's package
        C.text($("preview-status"), c.previews_problem);
        $("preview").disabled = true;
      }
      return c;
    }).catch(function (e) { message(e.message); });
  }

  function showMapping(j) {
    var box = $("mapping");
    box.textContent = "";
    box.appendChild(C.make("p", "warn", j.message));
    mappingColumns = {};
    var t = C.make("table");
    j.columns.forEach(function (col) {
      var tr = C.make("tr");
      tr.appendChild(C.make("td", "", col.name + (col.required ? "（必填）" : "")));
      var sel = C.make("select");
      sel.appendChild(C.make("option", "", "（表格里没有）"));
      sel.options[0].value = "";
      sel.id = "map-" + col.name;
      j.headers.forEach(function (h) {
        var o = C.make("option", "", h.letters + " 列：" + (h.text || "（空）"));
        o.value = h.letters;
        sel.appendChild(o);
      });
      if (j.found && j.found[col.name]) sel.value = j.found[col.name];
      mappingColumns[col.name] = sel;
      var td = C.make("td");
      td.appendChild(sel);
      tr.appendChild(td);
      t.appendChild(tr);
    });
    box.appendChild(t);
    box.dataset.headerRow = j.header_row;
    show(box, true);
  }

  function showSheetResult(j) {
    var box = $("sheet-result");
    box.textContent = "";
    if (!j.need_mapping) box.appendChild(C.make("div", "message " + (j.ok ? "info" : "error"), j.message));
    if (j.pick_sheet) {
      var sel = $("sheet");
      sel.textContent = "";
      j.sheets.forEach(function (s) { var o = C.make("option", "", s); o.value = s; sel.appendChild(o); });
      show($("pick"), true);
    }
    if (j.need_mapping) showMapping(j);
    if (j.problems && j.problems.length) {
      var t = C.make("table", "cells");
      t.id = "cell-problems";
      var h = C.make("tr");
      ["位置", "工作表", "行", "列", "问题"].forEach(function (s) { h.appendChild(C.make("th", "", s)); });
      t.appendChild(h);
      j.problems.forEach(function (p) {
        var tr = C.make("tr");
        tr.appendChild(C.make("td", "cell", p.cell));
        tr.appendChild(C.make("td", "", p.sheet));
        tr.appendChild(C.make("td", "num", p.row ? "第 " + p.row + " 行" : ""));
        tr.appendChild(C.make("td", "num", p.column ? p.column + " 列" : ""));
        tr.appendChild(C.make("td", "", p.message));
        t.appendChild(tr);
      });
      box.appendChild(t);
    }
  }

  function upload() {
    message("");
    readFile($("sheetfile"), false).then(function (f) {
      var body = { fund: $("fund").value, name: f.name, data: f.data };
      if (!$("pick").classList.contains("hidden")) body.sheet = $("sheet").value;
      if (mappingColumns && !$("mapping").classList.contains("hidden")) {
        body.columns = {};
        Object.keys(mappingColumns).forEach(function (k) { if (mappingColumns[k].value) body.columns[k] = mappingColumns[k].value; });
        body.header_row = parseInt($("mapping").dataset.headerRow, 10) || 0;
      }
      C.text($("sheet-result"), "正在检查…");
      return C.api("POST", base + "/sheet", body).then(function (j) {
        if (j.ok) { show($("mapping"), false); show($("pick"), false); mappingColumns = null; }
        showSheetResult(j);
        return load();
      });
    }).catch(function (e) { C.text($("sheet-result"), ""); message(e.message); });
  }

  function uploadFile() {
    message("");
    var path = $("path").value.trim();
    readFile($("yamlfile"), true).then(function (f) {
      if (!path) path = (f.name.match(/\.csv$/) ? "funds/" : "guides/") + f.name;
      return C.api("POST", base + "/file", { path: path, text: f.data }).then(function (j) {
        window.ChangeForms.refresh();
        message("已上传 " + path + (j.problems.length ? "，还有 " + j.problems.length + " 个问题（见上方）" : "，检查通过"), "info");
        return load();
      });
    }).catch(function (e) { message(e.message); });
  }

  function preview() {
    C.text($("preview-status"), "正在生成预览图，大约需要半分钟…");
    $("preview").disabled = true;
    C.api("POST", base + "/preview", {}).then(function (j) {
      C.text($("preview-status"), "共 " + j.pictures.length + " 张" + (j.failed ? "，" + j.failed + " 张没有生成" : ""));
      renderPictures(j.pictures, false);
    }).catch(function (e) { C.text($("preview-status"), ""); message(e.message); })
      .then(function () { $("preview").disabled = false; });
  }

  function act(what, body, done) {
    message("");
    C.api("POST", base + "/" + what, body || {}).then(function () {
      message(done, "info");
      return load();
    }).catch(function (e) { message(e.message); });
  }

  C.start(function (s) {
    session = s;
    $("upload").addEventListener("click", upload);
    $("upload-file").addEventListener("click", uploadFile);
    $("preview").addEventListener("click", preview);
    $("submit").addEventListener("click", function () { act("submit", {}, "已提交，等待审核人员批准。"); });
    $("withdraw").addEventListener("click", function () {
      if (window.confirm("撤销后这个修改不能再提交，确定吗？")) act("withdraw", {}, "已撤销。");
    });
    $("approve").addEventListener("click", function () {
      $("approve").disabled = true;
      message("正在生成、签名并发布…", "info");
      C.api("POST", base + "/approve", { passphrase: $("passphrase").value }).then(function (c) {
        $("passphrase").value = "";
        message("已批准并发布为第 " + c.version + " 版，联网的终端几秒内就会更新。", "info");
        return load();
      }).catch(function (e) { message(e.message); }).then(function () { $("approve").disabled = false; });
    });
    $("return").addEventListener("click", function () {
      act("return", { comment: $("return-comment").value.trim() }, "已退回给经办人员。");
    });
    load();
    window.ChangeForms.start();
    document.addEventListener("change-edited", function () { load(); });
  });
})();
