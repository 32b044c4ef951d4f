#!/usr/bin/env python3
"""Quick sanity check of the demo township source (content/demo), independent of the C++
importer: references resolve, required fields present, dates valid, URLs on allowed hosts,
cards fit a slip, fund totals/counts add up, raw identifiers are valid and stay in the
identity columns. Usage: python3 content/demo/tools/check_demo.py [content/demo]"""
import csv, datetime, io, os, re, sys
from decimal import Decimal
from urllib.parse import urlparse
import yaml

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
problems = []
def bad(f, msg): problems.append(f'{os.path.relpath(f, ROOT)}: {msg}')

def load(p):
    with open(p, encoding='utf-8') as fh:
        return yaml.safe_load(fh)

def is_date(v):
    if isinstance(v, datetime.date): return True
    try: datetime.date.fromisoformat(str(v)); return True
    except ValueError: return False

SLUG = re.compile(r'^[a-z0-9_\-/]+$')
site_p = os.path.join(ROOT, 'site.yaml'); site = load(site_p)
SITE_KEYS = {'township', 'county', 'region_code', 'allowed_url_hosts', 'hall', 'villages',
             'departments', 'topics', 'life_events', 'catalogue', 'most_used', 'colloquial_names'}
for k in set(site) - SITE_KEYS: bad(site_p, f'unknown field {k}')
hosts = set(site['allowed_url_hosts'])
def check_url(f, u):
    if not u: return
    p = urlparse(u)
    if p.scheme != 'https' or p.hostname not in hosts: bad(f, f'url not https/allowed: {u}')
villages = {v['id']: {g['id'] for g in v['groups']} for v in site['villages']}
vnames = {v['name']: v['id'] for v in site['villages']}
gnames = {v['id']: {g['name']: g['id'] for g in v['groups']} for v in site['villages']}
depts = {d['id'] for d in site['departments']}
topics = {t['id'] for t in site['topics']}
events = {e['id']: e for e in site['life_events']}
cat = {c['id'] for c in site['catalogue']}
for c in site['catalogue']:
    if c.get('parent') and c['parent'] not in cat: bad(site_p, f'catalogue parent {c["parent"]}')
for coll in (villages, depts, topics, events, cat):
    for i in coll:
        if not SLUG.match(i): bad(site_p, f'bad id {i}')
if not (3 <= min(len(g) for g in villages.values()) and max(len(g) for g in villages.values()) <= 8):
    bad(site_p, 'villages must have 3-8 groups')

# guides
GREQ = ['code', 'name', 'type', 'serves', 'department', 'topics', 'catalogue', 'summary',
        'conditions', 'materials', 'process', 'time_limit', 'fees', 'visits', 'updated',
        'version', 'effective']
GOPT = ['life_events', 'legal_basis', 'where', 'village_handling', 'online', 'special_steps',
        'forms', 'faq', 'promises', 'tips', 'result', 'phones']
MAT = {'name', 'source', 'form', 'copies', 'medium', 'required', 'condition', 'notes',
       'blank_form', 'sample'}
TYPES = {'行政许可', '行政给付', '行政确认', '行政裁决', '行政奖励', '公共服务', '其他'}
guides = {}
gdir = os.path.join(ROOT, 'guides')
for fn in sorted(os.listdir(gdir)):
    f = os.path.join(gdir, fn); g = load(f)
    for k in GREQ:
        if k not in g: bad(f, f'missing {k}')
    for k in set(g) - set(GREQ) - set(GOPT): bad(f, f'unknown field {k}')
    c = g.get('code')
    if c in guides: bad(f, f'duplicate code {c}')
    guides[c] = g
    if not re.match(r'^432625000[A-Z]{2}-(XK|JF|QR|CJ|JL|GG|QT)-\d{4}$', str(c)): bad(f, f'code format {c}')
    if g['type'] not in TYPES: bad(f, f'type {g["type"]}')
    if g['department'] not in depts: bad(f, f'department {g["department"]}')
    for t in g['topics']:
        if t not in topics: bad(f, f'topic {t}')
    for e in g.get('life_events', []):
        if e not in events: bad(f, f'life event {e}')
        elif c not in events[e]['guides']: bad(f, f'life event {e} does not list {c}')
    if g['catalogue'] not in cat: bad(f, f'catalogue {g["catalogue"]}')
    for m in g['materials']:
        for k in set(m) - MAT: bad(f, f'material unknown field {k}')
        if m.get('required') is False and not m.get('condition'): bad(f, f'conditional material without condition: {m["name"]}')
    for k in ('updated', 'effective'):
        if not is_date(g[k]): bad(f, f'date {k}')
    if str(g['updated']) > '2026-11-23' or str(g['effective']) > str(g['updated']) and str(g['effective']) > '2026-11-23':
        bad(f, 'dates in the future')
    check_url(f, (g.get('online') or {}).get('url'))
    if g.get('village_handling', 'none') not in ('none', 'direct', 'proxy', 'assist', 'inform'): bad(f, 'village_handling')
    tl = g['time_limit']
    if not tl.get('immediate') and not tl.get('promised_days'): bad(f, 'time limit')
    if tl.get('promised_days', 0) > tl.get('statutory_days', 0) and tl.get('statutory_days'): bad(f, 'promised > statutory')
    fees = g['fees']
    if fees.get('free') is False and not (fees.get('standard') and fees.get('basis')): bad(f, 'fee without standard/basis')
    if (g.get('online') or {}).get('fully_online') and not (g.get('online') or {}).get('url'): bad(f, 'fully online without url')
    if (g.get('online') or {}).get('fully_online') and g['visits'] != 0: bad(f, 'fully online but visits > 0')
for e in events.values():
    for c in e['guides']:
        if c not in guides: bad(site_p, f'life event {e["id"]}: guide {c} missing')
        elif e['id'] not in guides[c].get('life_events', []): bad(site_p, f'life event {e["id"]}: guide {c} does not name it')
for t in topics:
    if not any(t in g['topics'] for g in guides.values()): bad(site_p, f'topic {t} has no guide')

# cards
CREQ = ['id', 'title', 'who', 'bring', 'where', 'when', 'how_long', 'cost', 'phone', 'updated']
cdir = os.path.join(ROOT, 'cards'); cards = set()
for fn in sorted(os.listdir(cdir)) if os.path.isdir(cdir) else []:
    f = os.path.join(cdir, fn); c = load(f)
    for k in CREQ:
        if k not in c: bad(f, f'missing {k}')
    for k in set(c) - set(CREQ) - {'guide', 'topic', 'online_url', 'money'}: bad(f, f'unknown field {k}')
    if c.get('money', 'pay') not in ('pay', 'receive'): bad(f, 'money must be pay or receive')
    if c['id'] in cards: bad(f, 'duplicate id')
    cards.add(c['id'])
    if c.get('guide') and c['guide'] not in guides: bad(f, f'guide {c["guide"]}')
    if c.get('topic') and c['topic'] not in topics: bad(f, f'topic {c["topic"]}')
    if len(c['bring']) > 8: bad(f, 'more than 8 bring items')
    text = ''.join(str(c[k]) for k in ('title', 'who', 'where', 'when', 'how_long', 'cost', 'phone')) + ''.join(c['bring'])
    if len(text) > 360: bad(f, f'text {len(text)} > 360')
    check_url(f, c.get('online_url'))
    if not is_date(c['updated']) or str(c['updated']) > '2026-11-23': bad(f, 'updated')

# policies
pdir = os.path.join(ROOT, 'policies'); statuses = set()
for fn in sorted(os.listdir(pdir)) if os.path.isdir(pdir) else []:
    f = os.path.join(pdir, fn); p = load(f)
    for k in ('id', 'title', 'issuer', 'date', 'status', 'body'):
        if k not in p: bad(f, f'missing {k}')
    for k in set(p) - {'id', 'title', 'doc_number', 'issuer', 'date', 'status', 'topics', 'catalogue', 'body', 'attachments', 'qa'}:
        bad(f, f'unknown field {k}')
    if p['status'] not in ('in_force', 'abolished', 'amended'): bad(f, 'status')
    statuses.add(p['status'])
    for t in p.get('topics', []):
        if t not in topics: bad(f, f'topic {t}')
    if p.get('catalogue') and p['catalogue'] not in cat: bad(f, 'catalogue')
    if not is_date(p['date']): bad(f, 'date')
    if not 3 <= len(p.get('qa', [])) <= 5: bad(f, 'qa count')

# notices
ndir = os.path.join(ROOT, 'notices')
for fn in sorted(os.listdir(ndir)) if os.path.isdir(ndir) else []:
    f = os.path.join(ndir, fn); n = load(f)
    for k in set(n) - {'id', 'title', 'body', 'start', 'end'}: bad(f, f'unknown field {k}')
    if not (is_date(n['start']) and is_date(n['end'])) or str(n['end']) < str(n['start']): bad(f, 'dates')

# funds
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def id_ok(s):
    return len(s) == 18 and s[:17].isdigit() and '10X98765432'[sum(int(a) * b for a, b in zip(s, W)) % 11] == s[17]
def luhn_ok(s):
    t = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2: d = d * 2 - 9 if d > 4 else d * 2
        t += d
    return t % 10 == 0
LOOKS = re.compile(r'\d{11,}')
fdir = os.path.join(ROOT, 'funds'); nrows = 0; encs = set()
FREQ = ['id', 'title', 'kind', 'fund_type', 'year', 'department', 'policy_basis', 'villages', 'publicity', 'complaint', 'rows']
FOPT = ['standard', 'unit', 'period', 'application_guide', 'full_names', 'mask', 'catalogue', 'total', 'count', 'encoding']
for fn in sorted(os.listdir(fdir)) if os.path.isdir(fdir) else []:
    if not fn.endswith('.yaml'): continue
    f = os.path.join(fdir, fn); h = load(f)
    for k in FREQ:
        if k not in h: bad(f, f'missing {k}')
    for k in set(h) - set(FREQ) - set(FOPT): bad(f, f'unknown field {k}')
    if h['department'] not in depts: bad(f, 'department')
    if h.get('catalogue') and h['catalogue'] not in cat: bad(f, 'catalogue')
    for v in h['villages']:
        if v not in villages: bad(f, f'village {v}')
    if str(h['publicity']['end']) < str(h['publicity']['start']): bad(f, 'publicity')
    enc = h.get('encoding', 'utf-8'); encs.add(enc)
    raw = open(os.path.join(fdir, h['rows']), 'rb').read()
    text = raw.decode('gb18030' if enc in ('gb18030', 'gbk') else 'utf-8')
    EN = {'village': '村', 'group': '组', 'name': '姓名', 'id_number': '身份证号', 'account': '银行账号',
          'phone': '联系电话', 'quantity': '数量', 'amount': '金额', 'paid_date': '发放日期', 'remark': '备注'}
    rows = [{EN.get(k, k): v for k, v in r.items()} for r in csv.DictReader(io.StringIO(text.lstrip('\ufeff')))]
    total = Decimal(0)
    for i, r in enumerate(rows, 2):
        vid = vnames.get(r['村'], r['村'])
        if vid not in villages or vid not in h['villages']: bad(f, f'row {i}: village {r["村"]}')
        amt = Decimal(r['金额'] if h['kind'] == 'household' else r['已支出'])
        if amt < 0 or amt.as_tuple().exponent < -2: bad(f, f'row {i}: amount')
        total += amt
        if h['kind'] == 'household':
            g = r['组']
            if g not in villages.get(vid, ()) and g not in gnames.get(vid, {}): bad(f, f'row {i}: group {g}')
            if r.get('身份证号') and not id_ok(r['身份证号']): bad(f, f'row {i}: id check digit')
            if r.get('身份证号') and not r['身份证号'].startswith(site['region_code']): bad(f, f'row {i}: id region')
            if r.get('银行账号') and not (len(r['银行账号']) == 19 and luhn_ok(r['银行账号'])): bad(f, f'row {i}: account')
            if r.get('联系电话') and not re.match(r'^1[3-9]\d{9}$', r['联系电话']): bad(f, f'row {i}: phone')
            if r.get('发放日期') and not is_date(r['发放日期']): bad(f, f'row {i}: paid date')
        for col in ('备注', '项目名称', '地点', '承建单位', '进度', '验收'):
            if r.get(col) and LOOKS.search(r[col]): bad(f, f'row {i}: {col} looks like an identifier')
    nrows += len(rows) if h['kind'] == 'household' else 0
    if 'total' in h and Decimal(str(h['total'])) != total: bad(f, f'total {h["total"]} != {total}')
    if 'count' in h and h['count'] != len(rows): bad(f, f'count {h["count"]} != {len(rows)}')

for p in problems: print(p)
print(f'guides={len(guides)} cards={len(cards)} household_rows={nrows} encodings={sorted(encs)} '
      f'policy_statuses={sorted(statuses)} problems={len(problems)}')
sys.exit(1 if problems else 0)
