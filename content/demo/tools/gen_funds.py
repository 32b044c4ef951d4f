#!/usr/bin/env python3
"""Generate the demo township's fund publications (content/demo/funds/*.yaml + *.csv).

Everything is fictional and deterministic: the same script always writes byte-identical
files (fixed seed, no clock, no dict-order surprises). The generated files are committed;
re-run after changing this script:

    python3 content/demo/tools/gen_funds.py            # writes content/demo/funds/
    python3 content/demo/tools/check_demo.py           # sanity check

Why it looks the way it does:
- A fixed "population" of households per village group is built once, so the same
  households appear in several years and fund types, as they would in a real township.
- Rows carry RAW identifiers on purpose (18-digit ID numbers with valid ISO 7064 mod 11-2
  check digits and this county's region prefix, Luhn-valid 19-digit bank accounts, 11-digit
  mobile numbers): the publisher must mask them at build time and a test checks that none
  reaches the database. Remarks never contain such numbers.
- Amounts are integer fen internally; per-unit amounts are quantity x standard rounded
  half-up to the fen; header `total` and `count` are computed from the rows.
- One CSV is GB18030 with CRLF line ends (what Excel in China writes), one UTF-8 CSV has
  a byte-order mark, one uses the English column names, one uses group ids instead of names.
"""
import csv
import datetime as dt
import io
import os
import random
from decimal import Decimal, ROUND_HALF_UP

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DEMO = os.path.dirname(HERE)
OUT = os.path.join(DEMO, 'funds')
SEED = 20261123

os.makedirs(OUT, exist_ok=True)
for _f in os.listdir(OUT):  # start clean so a renamed publication leaves no stale file
    if _f.endswith(('.yaml', '.csv')):
        os.remove(os.path.join(OUT, _f))

site = yaml.safe_load(open(os.path.join(DEMO, 'site.yaml'), encoding='utf-8'))
REGION = site['region_code']
VILLAGES = site['villages']
VBYID = {v['id']: v for v in VILLAGES}

# --------------------------------------------------------------------------------------
# identifiers
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(rng, birth, male):
    seq = rng.randrange(0, 100) * 10 + rng.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8])
    body = f'{REGION}{birth:%Y%m%d}{seq:03d}'
    return body + '10X98765432'[sum(int(a) * b for a, b in zip(body, W)) % 11]


def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


BINS = ['623659', '621736', '622189']  # fictional BIN-like prefixes (village credit coop etc.)


def account(rng):
    body = rng.choice(BINS) + ''.join(rng.choice('0123456789') for _ in range(12))
    return body + luhn_digit(body)


def mobile(rng):
    return '1' + rng.choice(['3', '5', '7', '8', '9']) + ''.join(rng.choice('0123456789') for _ in range(9))


# --------------------------------------------------------------------------------------
# names
SURNAMES = ('李王张刘陈杨黄周吴曾彭谭邓唐罗蒋肖胡朱何郭贺龙向廖伍邹易汤石'
            '田钟袁段毛戴雷谢傅许文蔡姚尹颜丁')
VILLAGE_CLANS = {  # big local families per village, as in real villages
    'tongxi': '李陈', 'shangba': '彭', 'lianhua': '谭曾', 'shimen': '石向', 'baishui': '邓唐',
    'huangnitang': '黄', 'fengshuping': '罗肖', 'xiaowan': '周', 'longtan': '龙吴'}
MALE = '建国华明军伟强平勇志德春生文辉红林海金荣福贵忠祥富友发清云松宏光成良有运'
FEMALE = '秀英兰芳桂花玉梅丽琴凤珍红霞娟燕群菊香莲翠艳萍娥云春美琼慧丹'
GEN = '永光庆家远正先思学国'


def person_name(rng, village_id, male):
    clan = VILLAGE_CLANS[village_id]
    sur = rng.choice(clan) if rng.random() < 0.45 else rng.choice(SURNAMES)
    if rng.random() < 0.015:
        sur = rng.choice(['欧阳', '司马', '上官'])
    pool = MALE if male else FEMALE
    if rng.random() < 0.22:
        return sur + rng.choice(pool)
    first = rng.choice(GEN) if rng.random() < 0.35 else rng.choice(pool)
    return sur + first + rng.choice(pool)


def birth(rng, y0, y1):
    d0, d1 = dt.date(y0, 1, 1), dt.date(y1, 12, 31)
    return d0 + dt.timedelta(days=rng.randrange((d1 - d0).days + 1))


# --------------------------------------------------------------------------------------
# the population
class Person:
    def __init__(self, rng, vid, gid, y0, y1, male=None):
        self.male = rng.random() < 0.55 if male is None else male
        self.name = person_name(rng, vid, self.male)
        self.birth = birth(rng, y0, y1)
        self.id = id_number(rng, self.birth, self.male)
        self.account = account(rng)
        self.phone = mobile(rng)
        self.village, self.group = vid, gid


rng = random.Random(SEED)
households = {}   # (vid, gid) -> [Person] heads of household
elders = {}       # (vid, gid) -> [Person] aged 79+ in 2026
GROUP_SIZE = {'tongxi': (36, 46), 'shangba': (30, 42), 'lianhua': (32, 44), 'shimen': (28, 38),
              'baishui': (30, 42), 'huangnitang': (34, 44), 'fengshuping': (30, 40),
              'xiaowan': (28, 40), 'longtan': (28, 38)}
for v in VILLAGES:
    for g in v['groups']:
        key = (v['id'], g['id'])
        n = rng.randint(*GROUP_SIZE[v['id']])
        heads = []
        for _ in range(n):
            p = Person(rng, v['id'], g['id'], 1946, 1992, male=rng.random() < 0.82)
            p.mu = Decimal(rng.randint(60, 880)) / 100          # contracted land, 亩
            if rng.random() < 0.3:
                p.mu = p.mu.quantize(Decimal('0.1'))
            p.members = rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6])
            heads.append(p)
        households[key] = heads
        olds = []
        for _ in range(rng.randint(3, 8)):
            p = Person(rng, v['id'], g['id'], 1922, 1947)
            if rng.random() < 0.03:
                p.birth = birth(rng, 1924, 1926)
            # 6% die during 2025, 5% during 2026
            r = rng.random()
            p.died = (dt.date(2025, rng.randint(1, 12), 15) if r < 0.06 else
                      dt.date(2026, rng.randint(1, 10), 15) if r < 0.11 else None)
            olds.append(p)
        elders[key] = olds


# --------------------------------------------------------------------------------------
# output helpers
def fen(d):
    return int((Decimal(d) * 100).quantize(Decimal('1'), ROUND_HALF_UP))


def yuan(f):
    return f'{f // 100}.{f % 100:02d}'


def per_unit(qty, std):
    return int((Decimal(qty) * Decimal(std) * 100).quantize(Decimal('1'), ROUND_HALF_UP))


def qstr(q):
    return format(q.normalize(), 'f') if isinstance(q, Decimal) else str(q)


def group_name(vid, gid):
    return next(g['name'] for g in VBYID[vid]['groups'] if g['id'] == gid)


def day(rng, start, span):
    return (start + dt.timedelta(days=rng.randrange(span))).isoformat()


COMPLAINT = {'phone': '0739-4826123', 'address': '桐溪镇纪律检查委员会（新街路36号镇政府二楼），或拨打12345政务服务便民热线'}


def write_pub(h, columns, rows, encoding='utf-8', bom=False, crlf=False):
    """Write one header YAML and its CSV; total/count are computed from the rows."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\r\n' if crlf else '\n')
    w.writerow(columns)
    for r in rows:
        w.writerow(r)
    data = buf.getvalue().encode('gb18030' if encoding == 'gb18030' else 'utf-8')
    if bom:
        data = b'\xef\xbb\xbf' + data
    with open(os.path.join(OUT, h['rows']), 'wb') as fh:
        fh.write(data)
    amount_col = columns.index('已支出') if h['kind'] == 'project' else (
        columns.index('金额') if '金额' in columns else columns.index('amount'))
    total = sum(fen(r[amount_col]) for r in rows)
    lines = ['# Generated by content/demo/tools/gen_funds.py — edit the generator, not this file.']
    def kv(k, v):
        lines.append(f'{k}: {v}')
    kv('id', h['id'])
    kv('title', h['title'])
    kv('kind', h['kind'])
    kv('fund_type', h['fund_type'])
    kv('year', h['year'])
    kv('department', h['department'])
    kv('policy_basis', h['policy_basis'])
    if h.get('standard'):
        kv('standard', h['standard'])
    if h.get('unit'):
        kv('unit', h['unit'])
    kv('period', h['period'])
    kv('villages', '[' + ', '.join(h['villages']) + ']')
    kv('publicity', '{start: %s, end: %s}' % h['publicity'])
    kv('complaint', '{phone: %s, address: %s}' % (COMPLAINT['phone'], COMPLAINT['address']))
    lines.append('application_guide: |')
    for para in h['guide'].strip().split('\n'):
        lines.append('  ' + para.strip() if para.strip() else '')
    kv('full_names', 'true' if h.get('full_names') else 'false')
    if h.get('mask'):
        kv('mask', '{' + ', '.join(f'{k}: {v}' for k, v in h['mask'].items()) + '}')
    kv('catalogue', h['catalogue'])
    kv('total', yuan(total))
    kv('count', len(rows))
    kv('rows', h['rows'])
    kv('encoding', encoding)
    with open(os.path.join(OUT, h['id'] + '.yaml'), 'w', encoding='utf-8', newline='\n') as fh:
        fh.write('\n'.join(lines) + '\n')
    return len(rows) if h['kind'] == 'household' else 0


HH_COLS = ['村', '组', '姓名', '身份证号', '银行账号', '联系电话', '数量', '金额', '发放日期', '备注']
stats = []


def keys_of(vids):
    return [(v, g['id']) for v in vids for g in VBYID[v]['groups']]


# --------------------------------------------------------------------------------------
# 耕地地力保护补贴 (per 亩)
GENGDI_STD = {2024: '103.80', 2025: '106.25', 2026: '108.35'}
GENGDI_GUIDE = '''
补贴对象：拥有耕地承包权的种地农民；承包耕地流转的，按流转合同约定确定补贴领取人。
补贴范围：二轮承包耕地确权面积中实际用于农业生产的耕地；已改为林地、建设用地、常年抛荒的耕地不予补贴。
补贴标准：{std}元/亩，由县财政通过“一卡通”直接发放到户。
办理程序：农户向村委会申报种植面积，村委会核实后公示，镇农业农村办审核，县农业农村局、财政局审定发放。
咨询电话：镇农业农村办0739-4826115；受理单位：桐溪镇农业农村综合服务中心5号窗口。
对公示内容有异议的，请在公示期内向村委会或镇农业农村办反映，也可向镇纪委举报。
'''
GENGDI_REMARKS = ['', '', '', '', '', '', '', '', '', '', '', '', '户主已故，由配偶代领', '面积较上年调增（确权调整）',
                  '部分耕地流转，按合同约定由本户领取', '含复垦耕地', '面积较上年调减（修路占地）', '代领人为户主子女']


def gengdi(pub_id, year, vids, publicity, paid_start, title_suffix='', encoding='utf-8', crlf=False,
           english=False):
    r = random.Random(f'{SEED}-{pub_id}')
    std = GENGDI_STD[year]
    rows = []
    for key in keys_of(vids):
        for p in households[key]:
            if r.random() < 0.04:          # not farming / land transferred out this year
                continue
            mu = p.mu
            if year != 2026 and r.random() < 0.08:
                mu = max(Decimal('0.30'), mu - Decimal(r.randint(5, 60)) / 100)
            rem = r.choice(GENGDI_REMARKS)
            name = p.name
            rows.append([VBYID[p.village]['name'], group_name(p.village, p.group), name, p.id, p.account,
                         p.phone if r.random() < 0.9 else '', qstr(mu), yuan(per_unit(mu, std)),
                         day(r, paid_start, 3), rem])
    cols = HH_COLS if not english else ['village', 'group', 'name', 'id_number', 'account', 'phone',
                                        'quantity', 'amount', 'paid_date', 'remark']
    names = '、'.join(VBYID[v]['name'] for v in vids) if len(vids) < 9 else '全镇'
    h = dict(id=pub_id, title=f'{year}年耕地地力保护补贴发放公示（{names}）{title_suffix}', kind='household',
             fund_type='耕地地力保护补贴', year=year, department='nongye',
             policy_basis=f'青岚县{year}年耕地地力保护补贴实施方案（青农发〔{year}〕{r.randint(3, 19)}号）',
             standard=f'每亩{std}元', unit='亩', period=f'{year}年度', villages=vids, publicity=publicity,
             guide=GENGDI_GUIDE.format(std=std), catalogue='czzj/hmzj/nybt', rows=pub_id + '.csv')
    stats.append((pub_id, write_pub(h, cols, rows, encoding=encoding, crlf=crlf)))


ALL = [v['id'] for v in VILLAGES]
gengdi('gengdi-2026-tongxi', 2026, ['tongxi'], ('2026-11-16', '2026-11-24'), dt.date(2026, 11, 10))
gengdi('gengdi-2026-beipian', 2026, ['shangba', 'lianhua', 'shimen', 'huangnitang'],
       ('2026-11-18', '2026-11-26'), dt.date(2026, 11, 11))
gengdi('gengdi-2026-nanpian', 2026, ['baishui', 'fengshuping', 'xiaowan', 'longtan'],
       ('2026-11-18', '2026-11-26'), dt.date(2026, 11, 11))
gengdi('gengdi-2025', 2025, ALL, ('2025-11-17', '2025-11-25'), dt.date(2025, 11, 12))
gengdi('gengdi-2024-tongxi', 2024, ['tongxi'], ('2024-11-11', '2024-11-19'), dt.date(2024, 11, 6),
       english=True)


# --------------------------------------------------------------------------------------
# 城乡低保金 (quarterly, 补差)
DIBAO_GUIDE = '''
保障对象：共同生活的家庭成员人均收入低于本县低保标准、财产符合规定的本县户籍家庭。
保障标准：2026年农村低保标准每人每月480元，城镇每人每月650元；按家庭人均收入与标准的差额（补差）发放，重度残疾人、重病患者按规定增发。
办理程序：户主向镇民政办或村代办点申请，经入户调查、民主评议、公示后由镇政府审核确认，按月打卡发放，本公示按季度汇总。
咨询电话：镇民政办0739-4826111；受理单位：桐溪镇社会事务办公室1号窗口。
本名单公示7个工作日。发现不符合条件或优亲厚友的，请向镇民政办、镇纪委反映，我们将保护举报人信息。
'''
dibao_pool = []
r = random.Random(f'{SEED}-dibao')
for key in keys_of(ALL):
    for p in households[key]:
        if r.random() < 0.075:
            p.dibao_persons = r.randint(1, min(p.members, 4))
            p.dibao_gap = r.randrange(180, 485, 5)        # monthly 补差 per person, yuan
            dibao_pool.append(p)


def dibao(pub_id, quarter, publicity, paid, full_names, drop_rate, new_rate):
    r = random.Random(f'{SEED}-{pub_id}')
    rows = []
    for p in dibao_pool:
        if r.random() < drop_rate:
            continue
        rem = ''
        gap = p.dibao_gap
        if r.random() < new_rate:
            rem = '本季度新纳入'
        elif r.random() < 0.06:
            rem = '含重度残疾人单人保增发'
            gap += 60
        amt = p.dibao_persons * gap * 3 * 100
        rows.append([VBYID[p.village]['name'], group_name(p.village, p.group), p.name, p.id, p.account,
                     p.phone, p.dibao_persons, yuan(amt), paid, rem])
    h = dict(id=pub_id, title=f'桐溪镇2026年第{quarter}季度城乡最低生活保障金发放公示', kind='household',
             fund_type='城乡低保金', year=2026, department='minzheng',
             policy_basis='青岚县最低生活保障实施细则（青政办发〔2025〕9号）',
             standard='农村每人每月480元、城镇每人每月650元，按补差发放', unit='人',
             period=f'2026年第{quarter}季度', villages=ALL, publicity=publicity, guide=DIBAO_GUIDE,
             full_names=full_names, catalogue='czzj/hmzj/shjz', rows=pub_id + '.csv')
    stats.append((pub_id, write_pub(h, HH_COLS, rows)))


dibao('dibao-2026-q3', '三', ('2026-08-17', '2026-08-25'), '2026-07-10', False, 0.05, 0.0)
dibao('dibao-2026-q4', '四', ('2026-11-16', '2026-11-24'), '2026-10-10', True, 0.08, 0.05)


# --------------------------------------------------------------------------------------
# 特困人员供养金 (months; UTF-8 with byte-order mark, as Excel's "CSV UTF-8" writes)
TEKUN_GUIDE = '''
供养对象：经认定的本县户籍特困人员（无劳动能力、无生活来源、无法定赡养抚养扶养义务人或义务人无履行能力的老年人、残疾人和未成年人）。
供养标准：基本生活费每人每月830元；照料护理费按生活自理能力分档：全自理每月60元，半护理每月260元，全护理每月650元。
发放方式：分散供养的按月打卡发放到本人社保卡；集中供养的基本生活费拨付镇敬老院统筹使用。
咨询电话：镇民政办0739-4826111。
'''
r = random.Random(f'{SEED}-tekun')
CARE = [('全自理', 60), ('全自理', 60), ('全自理', 60), ('半护理', 260), ('全护理', 650)]
rows = []
for key in keys_of(ALL):
    for _ in range(r.choice([0, 1, 1, 1, 2])):
        p = Person(r, key[0], key[1], 1940, 1975)
        level, care = r.choice(CARE)
        months = 6
        rem = f'分散供养，{level}'
        if r.random() < 0.2:
            rem = f'集中供养（镇敬老院），{level}'
        if r.random() < 0.06:
            months = r.randint(2, 5)
            rem += f'，{7 + (6 - months)}月起纳入'
        rows.append([VBYID[p.village]['name'], group_name(*key), p.name, p.id, p.account, '',
                     months, yuan(per_unit(months, 830 + care)), '2026-07-08', rem])
h = dict(id='tekun-2026-h2', title='桐溪镇2026年下半年特困人员救助供养金发放公示', kind='household',
         fund_type='特困人员救助供养金', year=2026, department='minzheng',
         policy_basis='青岚县特困人员救助供养实施办法（青政办发〔2024〕21号）',
         standard='基本生活费每人每月830元，另加照料护理费每月60/260/650元', unit='月',
         period='2026年7月至12月', villages=ALL, publicity=('2026-07-13', '2026-07-21'), guide=TEKUN_GUIDE,
         catalogue='czzj/hmzj/shjz', rows='tekun-2026-h2.csv')
stats.append(('tekun-2026-h2', write_pub(h, HH_COLS, rows, bom=True)))


# --------------------------------------------------------------------------------------
# 残疾人两项补贴 (GB18030 + CRLF, as Excel in China saves it)
CANJI_GUIDE = '''
补贴对象：持第二代残疾人证的本县户籍残疾人。困难残疾人生活补贴发给低保家庭中的残疾人；重度残疾人护理补贴发给一、二级残疾人和三、四级智力、精神残疾人。
补贴标准：生活补贴每人每月90元；护理补贴一级每人每月100元，二级及三、四级智力精神残疾每人每月80元。
办理程序：本人或家属向村代办点、镇民政办申请，也可网上申请；镇初审、县残联审核、县民政局审定后按月发放。
咨询电话：镇民政办0739-4826111，镇残联0739-4826118。
'''
r = random.Random(f'{SEED}-canji')
rows = []
for key in keys_of(ALL):
    for _ in range(r.randint(2, 7)):
        p = Person(r, key[0], key[1], 1940, 2018)
        kind = r.choice(['生活补贴', '护理补贴（一级）', '护理补贴（二级）', '护理补贴（三级智力）',
                         '护理补贴（四级精神）', '生活补贴+护理补贴（一级）', '生活补贴+护理补贴（二级）'])
        monthly = (90 if '生活' in kind else 0) + (100 if '一级' in kind else 80 if '护理' in kind else 0)
        months = 3
        rem = kind
        if r.random() < 0.05:
            months = r.randint(1, 2)
            rem += '，本季度新增'
        acct = p.account if r.random() < 0.97 else ''
        rows.append([VBYID[p.village]['name'], group_name(*key), p.name, p.id, acct,
                     p.phone if r.random() < 0.6 else '', months, yuan(per_unit(months, monthly)),
                     '2026-11-12', rem])
h = dict(id='canji-liangxiang-2026-q4', title='桐溪镇2026年第四季度残疾人两项补贴发放公示', kind='household',
         fund_type='残疾人两项补贴', year=2026, department='minzheng',
         policy_basis='湖岭省困难残疾人生活补贴和重度残疾人护理补贴实施办法',
         standard='生活补贴每人每月90元；护理补贴一级每月100元、二级及三四级智力精神残疾每月80元', unit='月',
         period='2026年10月至12月', villages=ALL, publicity=('2026-11-19', '2026-11-27'), guide=CANJI_GUIDE,
         catalogue='czzj/hmzj/flbt', rows='canji-liangxiang-2026-q4.csv')
stats.append(('canji-liangxiang-2026-q4', write_pub(h, HH_COLS, rows, encoding='gb18030', crlf=True)))


# --------------------------------------------------------------------------------------
# 高龄津贴 (computed month by month: tier by age that month, stops after death)
GAOLING_GUIDE = '''
发放对象：年满80周岁的本县户籍老年人。
发放标准：80至89周岁每人每月50元，90至99周岁每人每月100元，100周岁及以上每人每月500元；满80周岁的次月起发放，期内跨档的自跨档次月起按新标准发放。
办理程序：老人或家属到村代办点、镇民政办登记，或网上申请，一次登记长期有效。老人去世的，家属应及时告知村委会，次月起停发。
咨询电话：镇民政办0739-4826111。
'''


def tier(age):
    return 500 if age >= 100 else 100 if age >= 90 else 50 if age >= 80 else 0


def age_at(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def gaoling(pub_id, year, months, publicity, paid, title):
    r = random.Random(f'{SEED}-{pub_id}')
    rows = []
    for key in keys_of(ALL):
        for p in elders[key]:
            if p.died and p.died < dt.date(year, months[0], 1):
                continue
            paid_months, total, tiers = 0, 0, set()
            for m in months:
                month_start = dt.date(year, m, 1)
                if p.died and p.died < month_start:
                    break
                # eligible from the month after the 80th birthday
                t = tier(age_at(p.birth, month_start - dt.timedelta(days=1)))
                if t:
                    paid_months += 1
                    total += t * 100
                    tiers.add(t)
            if not paid_months:
                continue
            rem = []
            if paid_months < len(months) and not (p.died and p.died.year == year):
                rem.append('本期内满80周岁，次月起发放')
            if len(tiers) > 1:
                rem.append('本期内跨档，次月起按新标准发放')
            if p.died and p.died.year == year and p.died.month <= months[-1]:
                rem.append(f'{p.died.month}月去世，次月起停发')
            rows.append([VBYID[p.village]['name'], group_name(*key), p.name, p.id, p.account,
                         p.phone if r.random() < 0.4 else '', paid_months, yuan(total), paid, '；'.join(rem)])
    h = dict(id=pub_id, title=title, kind='household', fund_type='高龄津贴', year=year, department='minzheng',
             policy_basis='青岚县高龄津贴发放管理办法（青民发〔2023〕11号）',
             standard='80-89周岁每人每月50元，90-99周岁每人每月100元，100周岁及以上每人每月500元', unit='月',
             period=f'{year}年{months[0]}月至{months[-1]}月', villages=ALL, publicity=publicity,
             guide=GAOLING_GUIDE, catalogue='czzj/hmzj/flbt', rows=pub_id + '.csv')
    stats.append((pub_id, write_pub(h, HH_COLS, rows)))


gaoling('gaoling-2025', 2025, list(range(1, 13)), ('2025-12-15', '2025-12-23'), '2025-12-10',
        '桐溪镇2025年度高龄津贴发放公示')
gaoling('gaoling-2026-h2', 2026, list(range(7, 13)), ('2026-11-20', '2026-11-30'), '2026-11-16',
        '桐溪镇2026年下半年高龄津贴发放公示')


# --------------------------------------------------------------------------------------
# 农机购置与应用补贴 (per machine)
NONGJI_GUIDE = '''
补贴对象：购买和使用农业机械的农民、农业生产经营组织。
补贴范围和标准：按《湖岭省2026-2028年农机购置与应用补贴机具补贴额一览表》执行，实行定额补贴，一台一补；单机补贴额不超过购机价格的30%。
办理程序：购机后在“湖岭省农机补贴信息系统”提交申请，携带发票和机具到镇农业农村办核验、拍照，经县农业农村局审核、公示后由县财政局发放。
咨询电话：镇农业农村办0739-4826115。
'''
MACHINES = [('微耕机', '1WG4.0', 800), ('微耕机', '1WG6.3', 1100), ('旋耕机', '1GQN-200', 2200),
            ('水稻插秧机', '2ZS-6', 9600), ('谷物联合收割机', '4LZ-6.0', 21000),
            ('植保无人驾驶航空器', '3WWDZ-30', 11500), ('谷物烘干机', '5HXG-12', 14000),
            ('茶叶揉捻机', '6CR-45', 1500), ('轮式拖拉机', 'LX904', 17600), ('动力喷雾机', '3WZ-34', 350)]
r = random.Random(f'{SEED}-nongji')
rows = []
nongji_villages = []
for key in keys_of(ALL):
    if r.random() < 0.55:
        continue
    if key[0] not in nongji_villages:
        nongji_villages.append(key[0])
    for p in r.sample(households[key], r.randint(1, 3)):
        kind, model, sub = r.choice(MACHINES)
        n = 2 if kind in ('微耕机', '动力喷雾机') and r.random() < 0.3 else 1
        rows.append([VBYID[p.village]['name'], group_name(*key), p.name, p.id, p.account, p.phone, n,
                     yuan(per_unit(n, sub)), day(r, dt.date(2026, 10, 20), 4), f'{kind}（型号{model}），每台补贴{sub}元'])
h = dict(id='nongji-2026-p2', title='桐溪镇2026年第二批农机购置与应用补贴发放公示', kind='household',
         fund_type='农机购置与应用补贴', year=2026, department='nongye',
         policy_basis='湖岭省2026-2028年农机购置与应用补贴实施方案', standard='按机具补贴额一览表定额补贴',
         unit='台', period='2026年第二批', villages=nongji_villages,
         publicity=('2026-10-09', '2026-10-15'), guide=NONGJI_GUIDE, catalogue='czzj/hmzj/nybt',
         rows='nongji-2026-p2.csv')
stats.append(('nongji-2026-p2', write_pub(h, HH_COLS, rows)))


# --------------------------------------------------------------------------------------
# 生态公益林补偿 (per 亩; village ids and group ids instead of names, as some exports do)
GONGYILIN_GUIDE = '''
补偿对象：区划界定为国家级、省级公益林的集体林和个人林的林权权利人。
补偿标准：损失性补偿每亩14.75元，直接发放到林权权利人；管护补助由村集体统筹用于护林员管护。
办理程序：以林权证（不动产权证）登记面积为准，镇林业站核实后公示，县林业局审核，县财政局打卡发放。
咨询电话：镇林业站0739-4826121。
'''
FOREST = ['shimen', 'huangnitang', 'fengshuping', 'xiaowan', 'longtan']
r = random.Random(f'{SEED}-gongyilin')
rows = []
for key in keys_of(FOREST):
    for p in households[key]:
        if r.random() < 0.22:
            continue
        mu = Decimal(r.randint(150, 9500)) / 100
        rem = r.choice(['', '', '', '', '', '林权证面积', '联户林权，按份额分配', '户主已故，由继承人代领'])
        rows.append([p.village, p.group, p.name, p.id, p.account, '', qstr(mu), yuan(per_unit(mu, '14.75')),
                     day(r, dt.date(2025, 12, 18), 3), rem])
h = dict(id='gongyilin-2025', title='桐溪镇2025年度生态公益林损失性补偿资金发放公示', kind='household',
         fund_type='生态公益林补偿', year=2025, department='linye',
         policy_basis='青岚县2025年度森林生态效益补偿资金分配方案', standard='每亩14.75元', unit='亩',
         period='2025年度', villages=FOREST, publicity=('2025-12-08', '2025-12-16'), guide=GONGYILIN_GUIDE,
         catalogue='czzj/hmzj/nybt', rows='gongyilin-2025.csv',
         mask={'id_keep_head': 6, 'id_keep_tail': 3, 'account_keep_tail': 4})
stats.append(('gongyilin-2025', write_pub(h, HH_COLS, rows)))


# --------------------------------------------------------------------------------------
# 农村部分计划生育家庭奖励扶助 (独生子女父母奖励, per person)
JIANGLI_GUIDE = '''
扶助对象：农村户籍、1973年至2001年期间没有违反计划生育法律法规和政策规定生育、现存一个子女或两个女孩或子女死亡现无子女、年满60周岁的夫妻。
扶助标准：每人每年960元，夫妻双方符合条件的各领一份，一年一次发放。
办理程序：每年1月至3月本人申报，村级、镇级两级公示后由县卫生健康局审批，县财政局代理银行打卡发放。
咨询电话：镇卫健办0739-4826116。
'''
r = random.Random(f'{SEED}-jiangli')
rows = []
for key in keys_of(ALL):
    for p in households[key]:
        if p.birth.year <= 1966 and p.members <= 3 and r.random() < 0.55:
            n = 2 if r.random() < 0.75 else 1
            rem = '夫妻双方' if n == 2 else r.choice(['配偶已故', '本人', '离异，本人单独享受'])
            rows.append([VBYID[p.village]['name'], group_name(*key), p.name, p.id, p.account, p.phone, n,
                         yuan(per_unit(n, 960)), '', rem])
h = dict(id='jiangli-fuzhu-2026', title='桐溪镇2026年农村部分计划生育家庭奖励扶助对象及资金公示',
         kind='household', fund_type='独生子女父母奖励（农村计划生育家庭奖励扶助）', year=2026,
         department='weijian', policy_basis='农村部分计划生育家庭奖励扶助制度管理规范',
         standard='每人每年960元', unit='人', period='2026年度', villages=ALL,
         publicity=('2026-11-12', '2026-11-25'), guide=JIANGLI_GUIDE, catalogue='czzj/hmzj/flbt',
         rows='jiangli-fuzhu-2026.csv')
stats.append(('jiangli-fuzhu-2026', write_pub(h, HH_COLS, rows)))


# --------------------------------------------------------------------------------------
# 临时救助 (amounts vary; no per-unit standard)
LINSHI_GUIDE = '''
救助对象：因火灾、交通事故、突发重大疾病等原因，基本生活暂时出现严重困难的家庭或个人。
救助标准：一般按本县月低保标准的2至6倍确定，特别困难的经县民政局审批最高可到12倍；急难型先行救助一次不超过1000元。
办理程序：向镇民政办或村代办点申请，经调查核实后由镇政府或县民政局审批，发放到本人社保卡。
咨询电话：镇民政办0739-4826111。
'''
REASONS = [('因病', (960, 5760)), ('因病', (960, 5760)), ('因病', (960, 5760)), ('火灾', (1920, 5760)),
           ('交通事故', (1440, 4800)), ('因学支出突增', (960, 2880)), ('意外伤害', (960, 3840)),
           ('急难型先行救助', (500, 1000))]
r = random.Random(f'{SEED}-linshi')
rows = []
for key in keys_of(ALL):
    for p in r.sample(households[key], r.choice([0, 0, 1, 1, 2])):
        reason, (lo, hi) = r.choice(REASONS)
        amt = r.randrange(lo, hi + 1, 10) * 100
        rows.append([VBYID[p.village]['name'], group_name(*key), p.name, p.id, p.account, p.phone, '',
                     yuan(amt), day(r, dt.date(2026, 7, 1), 88), reason])
h = dict(id='linshi-jiuzhu-2026-q3', title='桐溪镇2026年第三季度临时救助资金发放公示', kind='household',
         fund_type='临时救助', year=2026, department='minzheng',
         policy_basis='青岚县临时救助实施办法（青民发〔2025〕6号）', standard='按困难程度确定，一般为月低保标准的2至6倍',
         period='2026年7月至9月', villages=ALL, publicity=('2026-10-12', '2026-10-20'), guide=LINSHI_GUIDE,
         catalogue='czzj/hmzj/shjz', rows='linshi-jiuzhu-2026-q3.csv')
stats.append(('linshi-jiuzhu-2026-q3', write_pub(h, HH_COLS, rows)))


# --------------------------------------------------------------------------------------
# project-type publications
PROJ_COLS = ['村', '项目名称', '地点', '预算', '已支出', '承建单位', '进度', '验收', '备注']
YSYY_GUIDE = '''
资金来源：中央和省级村级公益事业建设一事一议财政奖补资金、县级配套资金和村民筹资筹劳。
项目确定：村民会议或村民代表会议民主议定，镇政府审核，县财政局批复立项。
监督：项目实行公示制，开工前公示建设内容和预算，完工后公示决算和验收结果；村务监督委员会全程监督。
咨询电话：镇财政所0739-4826120。
'''
PROJECTS_2026 = [
    ('tongxi', '桐溪村第五组至第七组通组道路硬化', '桐溪村第五至第七村民小组', 386000, 379420.50, '青岚县通达路桥工程有限公司', '已完工', '2026-09-28 验收合格', '长1.6公里，宽3.5米'),
    ('shangba', '上坝村河湾组人饮工程提质改造', '上坝村河湾组', 168000, 112560.00, '青岚县清源水利水电建设有限公司', '在建（完成约70%）', '未验收', '新建蓄水池1座，更换管网'),
    ('lianhua', '莲花村文化广场太阳能路灯安装', '莲花村党群服务中心广场', 72000, 70860.00, '湖岭明辉照明工程有限公司', '已完工', '2026-08-15 验收合格', '安装路灯36盏'),
    ('baishui', '白水村第三组山塘清淤加固', '白水村第三村民小组大塘', 145000, 0.00, '待招标', '未开工', '未验收', '已完成立项公示'),
    ('fengshuping', '枫树坪村机耕道修缮', '枫树坪村第二、第四村民小组', 98000, 97315.80, '青岚县农兴建设工程有限公司', '已完工', '2026-10-30 验收合格', '修缮机耕道2.3公里'),
    ('xiaowan', '小湾村茶园组便民桥新建', '小湾村茶园组溪口', 210000, 126000.00, '青岚县通达路桥工程有限公司', '在建（主体完工）', '未验收', '按合同支付进度款60%'),
    ('longtan', '龙潭村第一组排水沟渠建设', '龙潭村第一村民小组', 86500, 85990.00, '龙潭村村民自建（筹劳）', '已完工', '2026-11-05 验收合格', '村民投工投劳折资1.2万元'),
    ('huangnitang', '黄泥塘村塘边组垃圾收集点建设', '黄泥塘村塘边组', 38000, 37650.00, '青岚县洁美环境工程有限公司', '已完工', '2026-07-22 验收合格', '建设垃圾收集点4处'),
]
PROJECTS_2025 = [
    ('tongxi', '桐溪村老年人日间照料中心改造', '桐溪村党群服务中心二楼', 260000, 257880.00, '青岚县宏基建筑工程有限公司', '已完工', '2025-10-18 验收合格', '含适老化改造和无障碍坡道'),
    ('shimen', '石门村水口组至岭脚组道路安保设施', '石门村村道K0+000至K2+400', 132000, 129450.00, '青岚县通达路桥工程有限公司', '已完工', '2025-09-06 验收合格', '安装波形护栏1.1公里'),
    ('shangba', '上坝村坝头组防洪堤修复', '上坝村坝头组上坝河段', 315000, 309870.40, '青岚县清源水利水电建设有限公司', '已完工', '2025-06-20 验收合格', '修复堤防420米'),
    ('baishui', '白水村村级光伏电站运维', '白水村第六村民小组', 45000, 44200.00, '湖岭阳光新能源运维有限公司', '已完工', '2025-12-10 验收合格', '收益用于村公益性岗位'),
    ('lianhua', '莲花村小学旁人行道与减速带', '莲花小学门前村道', 56000, 55730.00, '青岚县农兴建设工程有限公司', '已完工', '2025-08-25 验收合格', ''),
    ('longtan', '龙潭村第三组人饮水源保护', '龙潭村第三村民小组水源地', 68000, 67640.00, '青岚县清源水利水电建设有限公司', '已完工', '2025-11-14 验收合格', '修建围栏和沉淀池'),
    ('xiaowan', '小湾村凉亭组通组道路拓宽', '小湾村凉亭组', 198000, 196300.00, '青岚县通达路桥工程有限公司', '已完工', '2025-12-02 验收合格', '由3米拓宽至4.5米'),
    ('fengshuping', '枫树坪村卫生室改造', '枫树坪村党群服务中心一楼', 88000, 86980.00, '青岚县宏基建筑工程有限公司', '已完工', '2025-07-30 验收合格', ''),
    ('huangnitang', '黄泥塘村上屋组山塘防渗', '黄泥塘村上屋组', 76000, 75320.00, '青岚县清源水利水电建设有限公司', '已完工', '2025-05-16 验收合格', ''),
    ('shimen', '石门村老屋场组饮水管网延伸', '石门村老屋场组', 54000, 53880.00, '青岚县清源水利水电建设有限公司', '已完工', '2025-10-09 验收合格', '惠及农户46户'),
]


def projects(pub_id, year, items, title, publicity, fund_type, period):
    rows = [[VBYID[v]['name'], n, pl, f'{b:.2f}', f'{s:.2f}', c, pr, ac, rm]
            for v, n, pl, b, s, c, pr, ac, rm in items]
    h = dict(id=pub_id, title=title, kind='project', fund_type=fund_type, year=year, department='caizheng',
             policy_basis='湖岭省村级公益事业建设一事一议财政奖补资金管理办法', period=period,
             villages=sorted({it[0] for it in items}, key=ALL.index), publicity=publicity, guide=YSYY_GUIDE,
             catalogue='czzj/xmzj', rows=pub_id + '.csv')
    stats.append((pub_id, write_pub(h, PROJ_COLS, rows)))


projects('yishiyiyi-2026', 2026, PROJECTS_2026, '桐溪镇2026年村级公益事业建设一事一议财政奖补项目公示',
         ('2026-11-16', '2026-11-30'), '一事一议财政奖补', '2026年度')
projects('cunji-gongyi-2025', 2025, PROJECTS_2025, '桐溪镇2025年村级公益事业项目资金使用及验收公示',
         ('2025-12-22', '2026-01-05'), '村级公益事业项目', '2025年度')

if __name__ == '__main__':
    for pid, n in stats:
        print(f'{pid}: {n} household rows')
    print('publications:', len(stats), 'household rows:', sum(n for _, n in stats))
