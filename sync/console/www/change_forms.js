// Forms for every kind of item (公告, 政策文件, 明白卡, 办事指南, 资金公示表头): the fields of one
// YAML file of the source folder (content/FORMAT.md), written back as that file. The form does
// not validate: the hub runs the importer and each of its problems is shown under the field it
// names ("materials[2].name" under the second material's name). Lists and references are
// picked from the change's own site.yaml (departments, topics, villages …).
//
// A field is {key, label, type, required, hint, options, ref, fields, init}:
//   text, area, date, number, money, id (read-only once saved), list (one item per line),
//   bool (a checkbox; init = its value in a new item), select (options [[value, label]]; with
//   an init, the value a blank means, there is no blank choice),
//   checks (several of options), ref / refs (one / several of site[ref]), group (a map of
//   fields), table (a list of maps of fields, rows added and removed by buttons);
//   {section: "…"} starts a part of the form.
"use strict";
(function () {
  var C = Console;
  var id = new URLSearchParams(window.location.search).get("id");
  var base = "/console/api/changes/" + encodeURIComponent(id);
  function $(x) { return document.getElementById(x); }
  function opts(list) { return list.map(function (x) { return [x, x]; }); }

  var ID_HINT = "只能用小写字母、数字和短横线，例如 tingshui-2026-12-02；保存后不能再改";
  var FORMS = {
    notices: [
      { key: "id", label: "编号", type: "id", required: true, hint: ID_HINT },
      { key: "title", label: "标题", type: "text", required: true },
      { key: "body", label: "正文", type: "area", required: true },
      { key: "start", label: "开始显示日期", type: "date", required: true },
      { key: "end", label: "结束日期", type: "date", required: true },
      { key: "urgent", label: "紧急公告（所有终端立即弹出显示）", type: "bool" },
      { key: "urgent_until", label: "紧急显示到", type: "text", hint: "如 2026-12-02 18:00，可不填" }],
    policies: [
      { key: "id", label: "编号", type: "id", required: true, hint: ID_HINT },
      { key: "title", label: "文件标题", type: "text", required: true },
      { key: "doc_number", label: "文号", type: "text" },
      { key: "issuer", label: "发文单位", type: "text", required: true },
      { key: "date", label: "发文日期", type: "date", required: true },
      { key: "status", label: "状态", type: "select", required: true,
        options: [["in_force", "现行有效"], ["abolished", "已废止"], ["amended", "已修改"]] },
      { key: "topics", label: "主题分类", type: "refs", ref: "topics" },
      { key: "catalogue", label: "公开目录", type: "ref", ref: "catalogue" },
      { key: "body", label: "正文或摘要", type: "area", required: true },
      { key: "attachments", label: "附件名称", type: "list", hint: "每行一个" }],
    cards: [
      { key: "id", label: "编号", type: "id", required: true, hint: ID_HINT },
      { key: "title", label: "标题", type: "text", required: true },
      { key: "guide", label: "对应的办事指南", type: "ref", ref: "guides" },
      { key: "topic", label: "主题分类", type: "ref", ref: "topics", hint: "不填时用办事指南的第一个主题" },
      { key: "who", label: "谁能办", type: "area", required: true },
      { key: "bring", label: "带什么", type: "list", required: true, hint: "每行一样，最多 8 样" },
      { key: "where", label: "去哪办", type: "text", required: true },
      { key: "when", label: "什么时候办", type: "text", required: true },
      { key: "how_long", label: "多久办好", type: "text", required: true },
      { key: "cost", label: "花多少钱 / 能领多少", type: "text", required: true },
      { key: "money", label: "钱的方向", type: "select",
        options: [["pay", "要花多少钱（办事人付费）"], ["receive", "能领多少（补贴、津贴）"]] },
      { key: "phone", label: "咨询电话", type: "text", required: true },
      { key: "online_url", label: "网上办理地址", type: "text", hint: "可不填；只能是 https 开头、本镇允许的网站" },
      { key: "updated", label: "更新日期", type: "date", required: true }],
    guides: [
      { section: "基本信息" },
      { key: "code", label: "事项编码", type: "id", required: true, hint: "例如 432625000MZ-JF-0003，每个事项只能用一次；保存后不能再改" },
      { key: "name", label: "事项名称", type: "text", required: true },
      { key: "type", label: "事项类型", type: "select", required: true,
        options: opts(["行政许可", "行政给付", "行政确认", "行政裁决", "行政奖励", "公共服务", "其他"]) },
      { key: "serves", label: "服务对象", type: "checks", required: true, options: opts(["自然人", "法人"]) },
      { key: "department", label: "办理部门", type: "ref", ref: "departments", required: true },
      { key: "topics", label: "主题分类", type: "refs", ref: "topics", required: true, hint: "至少选一个" },
      { key: "life_events", label: "属于哪些“一件事”", type: "refs", ref: "life_events" },
      { key: "catalogue", label: "公开目录", type: "ref", ref: "catalogue", required: true },
      { key: "summary", label: "简版指南（一段话说清楚谁、带什么、去哪办）", type: "area", required: true },
      { section: "受理条件和申请材料" },
      { key: "conditions", label: "受理条件", type: "list", required: true, hint: "每行一条" },
      { key: "materials", label: "申请材料", type: "table", required: true, add: "添加一份材料", fields: [
        { key: "name", label: "材料名称", type: "text", required: true },
        { key: "source", label: "来源渠道", type: "text", hint: "如 申请人自备" },
        // A material without form / medium is read by the importer as 原件 / 纸质: the form
        // shows those as chosen rather than a blank that silently means them.
        { key: "form", label: "材料形式", type: "select", init: "原件", options: opts(["原件", "复印件", "原件和复印件"]) },
        { key: "copies", label: "份数", type: "number", init: "1" },
        { key: "medium", label: "载体", type: "select", init: "纸质", options: opts(["纸质", "电子", "纸质或电子"]) },
        { key: "required", label: "必须提交", type: "bool", init: true },
        { key: "condition", label: "不是必须时：什么情况下需要", type: "text" },
        { key: "notes", label: "填报须知", type: "text" },
        { key: "blank_form", label: "有空白表格", type: "bool" },
        { key: "sample", label: "有填写样例", type: "bool" }] },
      { section: "办理流程和时限" },
      { key: "process", label: "办理流程（按先后顺序）", type: "table", required: true, add: "添加一个步骤", fields: [
        { key: "name", label: "步骤名称", type: "text", required: true },
        { key: "actor", label: "谁来办", type: "text" },
        { key: "description", label: "做什么", type: "text" },
        { key: "time_limit", label: "用多长时间", type: "text" }] },
      { key: "time_limit", label: "办结时限", type: "group", required: true, fields: [
        { key: "immediate", label: "当场办结（即办）", type: "bool" },
        { key: "statutory_days", label: "法定办结时限（工作日）", type: "number" },
        { key: "promised_days", label: "承诺办结时限（工作日）", type: "number" }] },
      { key: "visits", label: "到现场次数", type: "number", required: true, hint: "0 = 零跑腿，1 = 最多跑一次" },
      { key: "special_steps", label: "特殊环节（可不填）", type: "table", add: "添加一个特殊环节", fields: [
        { key: "name", label: "环节名称", type: "text", required: true },
        { key: "duration", label: "用多长时间", type: "text" },
        { key: "counted_in_limit", label: "算在办结时限内", type: "bool" },
        { key: "charged", label: "收费", type: "bool" }] },
      { section: "收费、地点和网上办理" },
      { key: "fees", label: "收费", type: "group", required: true, fields: [
        { key: "free", label: "不收费", type: "bool", init: true },
        { key: "standard", label: "收费标准（收费时必填）", type: "text" },
        { key: "basis", label: "收费依据", type: "text" }] },
      { key: "where", label: "办理地点（不填时用部门的窗口和大厅地址）", type: "group", fields: [
        { key: "window", label: "窗口", type: "text" },
        { key: "address", label: "地址", type: "text" },
        { key: "hours", label: "办理时间", type: "text" }] },
      { key: "village_handling", label: "村里能不能办", type: "select",
        options: [["none", "仅镇级办理"], ["direct", "村级直办"], ["proxy", "村代办"], ["assist", "村协办"], ["inform", "村级公开告知"]] },
      { key: "online", label: "网上办理", type: "group", fields: [
        { key: "url", label: "网办地址", type: "text", hosts: true },
        { key: "fully_online", label: "全程网办", type: "bool" }] },
      { key: "result", label: "办理结果", type: "group", fields: [
        { key: "name", label: "拿到什么（证件、批复）", type: "text" },
        { key: "delivery", label: "怎么拿到", type: "text", hint: "如 窗口领取、邮寄" }] },
      { key: "phones", label: "电话", type: "group", fields: [
        { key: "consult", label: "咨询电话", type: "text" },
        { key: "complaint", label: "投诉电话", type: "text" }] },
      { section: "依据、表格、问答和提示（可不填）" },
      { key: "legal_basis", label: "设定依据", type: "table", add: "添加一条依据", fields: [
        { key: "document", label: "文件名称", type: "text", required: true },
        { key: "article", label: "条款", type: "text" }] },
      { key: "forms", label: "表单", type: "table", add: "添加一张表单", fields: [
        { key: "name", label: "表单名称", type: "text", required: true },
        { key: "blank", label: "有空白表", type: "bool" },
        { key: "sample", label: "有样表", type: "bool" }] },
      { key: "faq", label: "常见问题", type: "table", add: "添加一个问答", fields: [
        { key: "q", label: "问", type: "text", required: true },
        { key: "a", label: "答", type: "area", required: true }] },
      { key: "promises", label: "服务承诺", type: "list", hint: "每行一条，如 一次性告知" },
      { key: "tips", label: "温馨提示", type: "list", hint: "每行一条，短句" },
      { section: "版本" },
      { key: "version", label: "版本号", type: "text", required: true, hint: "如 2026.1" },
      { key: "effective", label: "生效日期", type: "date", required: true },
      { key: "updated", label: "最后更新日期", type: "date", required: true }],
    funds: [
      { section: "资金公示的表头（明细用上面的“上传资金名单表格”导入）" },
      { key: "id", label: "编号", type: "id", required: true, hint: "如 gaoling-2026-xiaowan；明细文件用同一个名字；保存后不能再改" },
      { key: "title", label: "标题", type: "text", required: true, hint: "如 小湾村2026年12月高龄津贴发放公示" },
      { key: "kind", label: "公示类型", type: "select", required: true,
        options: [["household", "按户发放（每行一户或一人）"], ["project", "项目公示（每行一个项目）"]] },
      { key: "fund_type", label: "补贴项目", type: "text", required: true, hint: "如 高龄津贴" },
      { key: "year", label: "年度", type: "number", required: true },
      { key: "department", label: "发放部门", type: "ref", ref: "departments", required: true },
      { key: "policy_basis", label: "政策依据", type: "text", required: true },
      { key: "standard", label: "补贴标准", type: "text", hint: "如 80-89周岁每人每月50元" },
      { key: "unit", label: "数量的单位", type: "text", hint: "亩、人、月，可不填" },
      { key: "period", label: "发放期间", type: "text", hint: "如 2026年12月" },
      { key: "villages", label: "公示的村", type: "refs", ref: "villages", required: true },
      { key: "publicity", label: "公示期", type: "group", required: true, fields: [
        { key: "start", label: "开始日期", type: "date", required: true },
        { key: "end", label: "结束日期", type: "date", required: true }] },
      { key: "complaint", label: "监督举报", type: "group", required: true, fields: [
        { key: "phone", label: "举报电话", type: "text", required: true },
        { key: "address", label: "举报地址", type: "text" }] },
      { key: "application_guide", label: "申请指南（谁能领、标准、怎么申请）", type: "area" },
      { key: "full_names", label: "公开完整姓名（只有发放部门规定必须公开全名时才勾选）", type: "bool" },
      { key: "catalogue", label: "公开目录", type: "ref", ref: "catalogue" },
      { section: "合计（填写后会和明细逐行核对）" },
      { key: "total", label: "合计金额（元）", type: "money", hint: "可不填；填了就必须等于明细各行金额之和（项目公示为已支出之和）" },
      { key: "count", label: "合计条数", type: "number", hint: "可不填；填了就必须等于明细的行数" }]
  };
  var KIND_WORD = { notices: "公告", policies: "政策文件", cards: "明白卡", guides: "办事指南", funds: "资金公示" };

  var files = [];
  var site = {};
  var form = null;  // {kind, path, fields (as read), rows}

  function fillPickers() {
    var kind = $("item-kind").value;
    var pick = $("item-pick");
    pick.textContent = "";
    var o = C.make("option", "", "（新建一条）");
    o.value = "";
    pick.appendChild(o);
    files.filter(function (f) { return f.indexOf(kind + "/") === 0 && /\.yaml$/.test(f); }).forEach(function (f) {
      var op = C.make("option", "", f.replace(kind + "/", "").replace(/\.yaml$/, ""));
      op.value = f;
      pick.appendChild(op);
    });
    var raw = $("raw-pick"), keep = raw.value;
    raw.textContent = "";
    files.forEach(function (f) { var op = C.make("option", "", f); op.value = f; raw.appendChild(op); });
    if (keep) raw.value = keep;
  }

  function refreshFiles() {
    return C.api("GET", base).then(function (c) { files = c.files; site = c.site || {}; fillPickers(); })
      .catch(function () {});
  }

  // ---- building the form -------------------------------------------------------------------
  // `path` is the importer's name of the field (materials[2].name), `dom` its element id part.
  function labelOf(def) { return def.label + (def.required ? "（必填）" : ""); }

  function choices(def) {
    if (def.options) return def.options;
    return (site[def.ref] || []).map(function (x) { return [x.id, x.name + "（" + x.id + "）"]; });
  }

  function input(def, value, dom) {
    var el, type = def.type;
    if (value === undefined && def.init !== undefined) value = def.init;
    if (type === "area" || type === "list") {
      el = C.make("textarea");
      el.rows = type === "area" ? 4 : 3;
      el.value = Array.isArray(value) ? value.join("\n") : (typeof value === "string" ? value : "");
    } else if (type === "bool") {
      el = C.make("input");
      el.type = "checkbox";
      el.checked = value === true || value === "true";
    } else if (type === "select" || type === "ref") {
      el = C.make("select");
      if (def.init === undefined) {
        var none = C.make("option", "", def.required ? "（请选择）" : "（不填）");
        none.value = "";
        el.appendChild(none);
      }
      var have = false;
      choices(def).forEach(function (opt) {
        var o = C.make("option", "", opt[1]);
        o.value = opt[0];
        el.appendChild(o);
        if (opt[0] === value) have = true;
      });
      if (value && !have) {  // a value site.yaml does not know: kept, and the importer names it
        var odd = C.make("option", "", value + "（未知）");
        odd.value = value;
        el.appendChild(odd);
      }
      el.value = typeof value === "string" ? value : "";
    } else if (type === "checks" || type === "refs") {
      el = C.make("div", "checks");
      var chosen = Array.isArray(value) ? value : [];
      choices(def).forEach(function (opt, i) {
        var l = C.make("label", "check");
        var box = C.make("input");
        box.type = "checkbox";
        box.value = opt[0];
        box.id = "f-" + dom + "-" + i;
        box.checked = chosen.indexOf(opt[0]) >= 0;
        l.appendChild(box);
        l.appendChild(document.createTextNode(" " + opt[1]));
        el.appendChild(l);
      });
      chosen.forEach(function (v) {  // unknown ids stay (the importer names them)
        if (!choices(def).some(function (o) { return o[0] === v; })) el.dataset.unknown = (el.dataset.unknown || "") + v + "\n";
      });
    } else {
      el = C.make("input");
      el.type = type === "date" ? "date" : "text";
      if (type === "number" || type === "money") el.inputMode = type === "money" ? "decimal" : "numeric";
      el.value = typeof value === "string" ? value : "";
    }
    if (type !== "checks" && type !== "refs") el.id = "f-" + dom;
    return el;
  }

  function field(def, value, path, dom) {
    var wrap = C.make("div", "field " + def.type);
    wrap.dataset.field = path;
    wrap.dataset.key = def.key;
    if (def.type === "group") {
      var fs = C.make("fieldset", "group");
      fs.appendChild(C.make("legend", "", labelOf(def)));
      var obj = value && typeof value === "object" && !Array.isArray(value) ? value : {};
      def.fields.forEach(function (sub) { fs.appendChild(field(sub, obj[sub.key], path + "." + sub.key, dom + "." + sub.key)); });
      wrap.appendChild(fs);
      return wrap;
    }
    if (def.type === "table") {
      wrap.appendChild(C.make("label", "", labelOf(def)));
      var rows = C.make("div", "table-rows");
      rows.id = "f-" + dom;
      wrap.appendChild(rows);
      (Array.isArray(value) ? value : []).forEach(function (item) { addRow(def, rows, item, path, dom); });
      if (!rows.children.length && def.required) addRow(def, rows, undefined, path, dom);
      var add = C.make("button", "", "＋ " + def.add);
      add.type = "button";
      add.id = "f-" + dom + "-add";
      add.addEventListener("click", function () { addRow(def, rows, undefined, path, dom); });
      wrap.appendChild(add);
      return wrap;
    }
    var el = input(def, value, dom);
    if (def.type === "bool") {
      var l = C.make("label", "check");
      l.appendChild(el);
      l.appendChild(document.createTextNode(" " + labelOf(def)));
      wrap.appendChild(l);
    } else {
      var label = C.make("label", "", labelOf(def));
      if (el.id) label.htmlFor = el.id;
      wrap.appendChild(label);
      wrap.appendChild(el);
    }
    var hint = def.hint;
    if (def.hosts) hint = "只能是 https 开头、下列网站的地址：" + ((site.allowed_url_hosts || []).join("、") || "（site.yaml 没有允许任何网站）");
    if (hint) wrap.appendChild(C.make("div", "hint", hint));
    return wrap;
  }

  // One item of a table: numbered from 1 as the importer counts (materials[1] is the first).
  function addRow(def, rows, item, path, dom) {
    var box = C.make("fieldset", "row-item");
    rows.appendChild(box);
    renumber(def, rows, path, dom);
    var n = rows.children.length;
    box.appendChild(C.make("legend", "", def.label.replace(/（.*$/, "") + " 第 " + n + " 项"));
    def.fields.forEach(function (sub) {
      box.appendChild(field(sub, item ? item[sub.key] : undefined, path + "[" + n + "]." + sub.key, dom + "." + n + "." + sub.key));
    });
    var del = C.make("button", "remove-row", "删去这一项");
    del.type = "button";
    del.addEventListener("click", function () { rows.removeChild(box); renumber(def, rows, path, dom); });
    box.appendChild(del);
  }

  // After a row is removed the rows after it move up: their names follow.
  function renumber(def, rows, path, dom) {
    Array.prototype.forEach.call(rows.children, function (box, i) {
      var n = i + 1;
      var legend = box.querySelector("legend");
      if (legend) C.text(legend, def.label.replace(/（.*$/, "") + " 第 " + n + " 项");
      box.dataset.field = path + "[" + n + "]";
      box.querySelectorAll("[data-field]").forEach(function (w) {
        w.dataset.field = w.dataset.field.replace(new RegExp("^" + path.replace(/[.[\]]/g, "\\$&") + "\\[\\d+\\]"), path + "[" + n + "]");
      });
      box.querySelectorAll("[id]").forEach(function (el) {
        el.id = el.id.replace(new RegExp("^f-" + dom.replace(/[.[\]]/g, "\\$&") + "\\.\\d+\\."), "f-" + dom + "." + n + ".");
      });
    });
  }

  // ---- reading it back ---------------------------------------------------------------------
  function valueOf(def, wrap) {
    var own = wrap.querySelector(":scope > input, :scope > textarea, :scope > select, :scope > label > input, :scope > div.checks");
    switch (def.type) {
      case "group": {
        var obj = {};
        var fs = wrap.querySelector(":scope > fieldset");
        def.fields.forEach(function (sub) { obj[sub.key] = valueOf(sub, fs.querySelector(":scope > [data-key='" + sub.key + "']")); });
        return obj;
      }
      case "table": {
        var arr = [];
        wrap.querySelectorAll(":scope > .table-rows > fieldset").forEach(function (box) {
          var item = {}, filled = false;
          def.fields.forEach(function (sub) {
            var v = valueOf(sub, box.querySelector(":scope > [data-key='" + sub.key + "']"));
            item[sub.key] = v;
            if (sub.type !== "bool" && v !== "" && !(sub.init !== undefined && String(v) === String(sub.init))) filled = true;
          });
          if (filled) arr.push(item);  // a row left blank is not an item
        });
        return arr;
      }
      case "bool": return own.checked;
      case "list": return own.value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
      case "checks":
      case "refs": {
        var picked = [];
        own.querySelectorAll("input:checked").forEach(function (b) { picked.push(b.value); });
        return picked.concat((own.dataset.unknown || "").split("\n").filter(Boolean));
      }
      case "number": {
        var t = own.value.trim();
        return /^\d{1,9}$/.test(t) ? Number(t) : t;  // anything else goes as written: the importer names it
      }
      default: return own.value.trim();
    }
  }

  function collect(kind, box) {
    var out = {};
    FORMS[kind].forEach(function (def) {
      if (def.section) return;
      out[def.key] = valueOf(def, box.querySelector(":scope > [data-key='" + def.key + "'], :scope > .part > [data-key='" + def.key + "']"));
    });
    return out;
  }

  // ---- problems by field -------------------------------------------------------------------
  function clearProblems(box) {
    box.querySelectorAll(".field-problem, .form-problems").forEach(function (e) { e.remove(); });
    box.querySelectorAll(".has-problem").forEach(function (e) { e.classList.remove("has-problem"); });
  }

  // Each problem under the field it names, or the nearest enclosing one (materials[2] when
  // materials[2].foo has no field), else in a list at the top of the form.
  function showProblems(box, problems) {
    clearProblems(box);
    var loose = [];
    problems.forEach(function (p) {
      var name = p.field, target = null;
      while (name && !target) {
        target = box.querySelector("[data-field='" + name.replace(/'/g, "") + "']");
        var shorter = name.replace(/(\.[^.[\]]*|\[\d+\])$/, "");
        if (!target) name = shorter === name ? "" : shorter;
      }
      if (!target) { loose.push(p); return; }
      target.classList.add("has-problem");
      var msg = C.make("div", "field-problem", p.message);
      var inner = target.querySelector(":scope > fieldset");
      (inner || target).appendChild(msg);
    });
    if (loose.length) {
      var top = C.make("div", "form-problems message error");
      top.appendChild(C.make("strong", "", "这些问题在表单外的内容里（可在下方“直接修改文件内容”里改）："));
      var ul = C.make("ul");
      loose.forEach(function (p) { ul.appendChild(C.make("li", "", (p.line ? "第 " + p.line + " 行 " : "") + (p.field ? p.field + "：" : "") + p.message)); });
      top.appendChild(ul);
      box.insertBefore(top, box.firstChild);
    }
  }

  // A fund header: what the rows hold, and a button that writes it into total and count.
  function showRowsCheck(box, check) {
    var old = $("rows-check");
    if (old) old.remove();
    if (!check) return;
    var line = C.make("div", "rows-check");
    line.id = "rows-check";
    line.appendChild(C.make("span", "", "明细文件现有 " + check.rows + " 行，" +
      (check.kind === "project" ? "已支出" : "金额") + "合计 " + check.total + " 元。"));
    var fill = C.make("button", "", "按明细填入合计");
    fill.type = "button";
    fill.id = "rows-fill";
    fill.addEventListener("click", function () { $("f-total").value = check.total; $("f-count").value = String(check.rows); });
    line.appendChild(fill);
    var total = box.querySelector("[data-key='total']");
    if (total) total.parentNode.insertBefore(line, total);
  }

  function openForm() {
    var kind = $("item-kind").value, path = $("item-pick").value;
    var got = path ? C.api("GET", base + "/item?path=" + encodeURIComponent(path)) : Promise.resolve({ fields: {}, problems: [] });
    Promise.all([got, refreshFiles()]).then(function (all) {
      var j = all[0];
      var box = $("item-form");
      box.textContent = "";
      form = { kind: kind, path: path };
      box.dataset.kind = kind;
      box.dataset.path = path;
      box.appendChild(C.make("h3", "form-title", (path ? "修改" : "新建") + KIND_WORD[kind] + (path ? "：" + (j.fields.title || j.fields.name || path) : "")));
      var part = box;
      FORMS[kind].forEach(function (def) {
        if (def.section) {
          part = C.make("div", "part");
          part.appendChild(C.make("h4", "", def.section));
          box.appendChild(part);
          return;
        }
        var f = field(def, j.fields[def.key], def.key, def.key);
        if (def.type === "id" && path) f.querySelector("input").readOnly = true;
        part.appendChild(f);
      });
      var buttons = C.make("div", "row");
      var save = C.make("button", "primary", "保存并检查");
      save.type = "button";
      save.id = "item-save";
      save.addEventListener("click", saveForm);
      buttons.appendChild(save);
      if (path) {
        var del = C.make("button", "danger", "删除这一条");
        del.type = "button";
        del.id = "item-delete";
        del.addEventListener("click", removeItem);
        buttons.appendChild(del);
      }
      box.appendChild(buttons);
      box.classList.remove("hidden");
      showRowsCheck(box, j.rows_check);
      showProblems(box, j.problems || []);
      C.text($("item-result"), "");
    }).catch(function (e) { C.text($("item-result"), e.message); });
  }

  function result(kind, text) {
    var out = $("item-result");
    out.textContent = "";
    out.appendChild(C.make("div", "message " + kind, text));
  }

  function saveForm() {
    var box = $("item-form"), kind = box.dataset.kind;
    var fields = collect(kind, box);
    var key = kind === "guides" ? "code" : "id";
    if (kind === "funds" && !fields.rows && fields.id) fields.rows = fields.id + ".csv";  // the CSV beside it
    if (!box.dataset.path && !/^[A-Za-z0-9_.-]{1,80}$/.test(fields[key] || "")) {
      showProblems(box, [{ field: key, message: (fields[key] ? "只能用字母、数字和短横线" : "请先填写") + "：保存时用它做文件名" }]);
      return result("error", "没有保存：请先改好标出的项目。");
    }
    var path = box.dataset.path || (kind + "/" + fields[key] + ".yaml");
    C.api("POST", base + "/item", { path: path, fields: fields }).then(function (j) {
      result(j.ok ? "info" : "error", j.ok ? "已保存 " + path + "，检查通过。"
        : "已保存 " + path + "，还有 " + j.fields.length + " 个问题，已标在对应的项目下面（红色）。");
      showProblems(box, j.fields);
      if (!box.dataset.path) {  // now an item of the change: its id is fixed
        box.dataset.path = path;
        var idInput = $("f-" + key);
        if (idInput) idInput.readOnly = true;
      }
      document.dispatchEvent(new CustomEvent("change-edited"));
      return refreshFiles().then(function () {
        if (kind === "funds") return C.api("GET", base + "/item?path=" + encodeURIComponent(path)).then(function (k) { showRowsCheck(box, k.rows_check); });
      });
    }).catch(function (e) { result("error", e.message); });
  }

  // A refused deletion is said beside the 删除 button that was pressed, with where the item is
  // still used (the hub's `in_use`), not at the top of the page.
  function showRefusal(button, e) {
    var old = $("delete-refused");
    if (old) old.remove();
    if (!e) return;
    var note = C.make("div", "delete-refused message error");
    note.id = "delete-refused";
    note.appendChild(C.make("strong", "", e.message));
    var where = (e.body && e.body.in_use) || [];
    if (where.length) {
      var ul = C.make("ul");
      where.forEach(function (s) { ul.appendChild(C.make("li", "", s)); });
      note.appendChild(ul);
    }
    button.parentNode.insertBefore(note, button.nextSibling);
    note.scrollIntoView({ block: "nearest" });  // the places it names, too, not just its first line
  }

  function removeItem() {
    var box = $("item-form"), path = box.dataset.path, kind = box.dataset.kind;
    var what = KIND_WORD[kind] + "“" + path.replace(/^.*\//, "").replace(/\.yaml$/, "") + "”";
    var extra = kind === "funds" ? "（连同它的明细）" : "";
    var button = $("item-delete");
    showRefusal(button, null);
    if (!window.confirm("确定删除" + what + extra + "吗？批准发布后，终端上就不再显示它。")) return;
    C.api("POST", base + "/item", { path: path, remove: true }).then(function (j) {
      box.classList.add("hidden");
      box.textContent = "";
      result("info", "已删除" + what + extra + "。下面“这次修改的内容”里显示为“删除”" +
        (j.all_problems.length ? "；这个修改还有 " + j.all_problems.length + " 个别的问题（见页面上方）" : "") + "。");
      document.dispatchEvent(new CustomEvent("change-edited"));
      return refreshFiles();
    }).catch(function (e) { showRefusal(button, e); });
  }

  function openRaw() {
    var path = $("raw-pick").value;
    fetch(base + "/file?path=" + encodeURIComponent(path), { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (t) {
        $("raw-text").value = t;
        $("raw-text").dataset.path = path;
        $("raw-text").classList.remove("hidden");
        $("raw-save").classList.remove("hidden");
      });
  }

  function saveRaw() {
    var path = $("raw-text").dataset.path;
    C.api("POST", base + "/file", { path: path, text: $("raw-text").value }).then(function (j) {
      result(j.problems.length ? "error" : "info",
        "已保存 " + path + (j.problems.length ? "，还有 " + j.problems.length + " 个问题（见页面上方）" : "，检查通过。"));
      document.dispatchEvent(new CustomEvent("change-edited"));
      window.scrollTo(0, 0);
    }).catch(function (e) { alert(e.message); });
  }

  // Called by the page once logged in (one session request, one 退出 handler).
  window.ChangeForms = {
    start: function () {
      $("item-kind").addEventListener("change", fillPickers);
      $("item-open").addEventListener("click", openForm);
      $("raw-open").addEventListener("click", openRaw);
      $("raw-save").addEventListener("click", saveRaw);
      refreshFiles();
    },
    refresh: refreshFiles
  };
})();
