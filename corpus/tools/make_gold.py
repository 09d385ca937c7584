#!/usr/bin/env python3
"""Build corpus articles and their gold files from annotated sources.

Usage:  python3 corpus/tools/make_gold.py [--check] [src ...]

Each source corpus/tools/src/NNN_slug.src is the article text with inline markup:

  header lines up to a line '---':
      doc=NNN_slug.txt          output file name (in corpus/)
      enc=utf-8 | utf-8-sig | gb18030 | utf-16le-bom
      eol=lf | crlf
  body (everything after '---'):
      ⟦TEXT|spec⟧   a mention; TEXT is copied verbatim into the article
      ⟪NAME⟫ or ⟪[spec]NAME⟫   a project; NAME copied verbatim (may contain ⟦mentions⟧),
                    gold name = NAME minus whitespace
      ⟨spec⟩        a context directive (sets r/e/b/p/y for following facts); removed
      ⟨clear⟩       resets the context

  spec = key=value pairs separated by ';'
      mentions: m=metric  k=kind  v=value  vmax=value_max  u=unit  a=approx
                r=region/region  e=entity/entity  b=batch  p=phase  y=year
                (r/e/b/p/y override the context; '-' means null)
      projects: b=batch  p=phase
      A mention without m= has fact null. kind/value/unit/approx are inferred from
      TEXT (see infer()) unless given explicitly.

The article is written (encoded as requested), then re-read from disk, decoded,
and every gold span is checked against the decoded text by searching: the mention
text must occur at the computed offset (offsets are UTF-16 code units). With
--check nothing is written; the existing article and gold must equal what would
be produced.
"""
import json
import os
import re
import sys
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
SRC = os.path.join(HERE, 'src')
GOLD = os.path.join(CORPUS, 'gold')

METRICS = {'project_count', 'enterprise_count', 'total_investment', 'annual_planned_investment',
           'completed_investment', 'plan_completion_rate', 'signing_rate', 'start_rate',
           'conversion_rate', 'revenue', 'output_value', 'tax', 'gdp', 'growth_rate', 'growth_pp'}
KINDS = {'money', 'count', 'percent', 'pp', 'ratio', 'measure', 'duration'}
BATCHES = {'signed', 'started', 'producing'}

# ---------------------------------------------------------------- numbers
FW = {ord(c): ord(a) for c, a in zip('０１２３４５６７８９．％－，', '0123456789.%-,')}
# traditional -> simplified for the characters that matter to numbers, units and approx words
FW.update({ord(c): ord(a) for c, a in zip('個項萬億餘約過將噸畝條輛點兩貳陸臺標際週戶', '个项万亿余约过将吨亩条辆点两贰陆台标际周户')})
DIG = {'〇': 0, '零': 0, '一': 1, '壹': 1, '二': 2, '贰': 2, '貳': 2, '两': 2, '兩': 2, '三': 3, '叁': 3,
       '四': 4, '肆': 4, '五': 5, '伍': 5, '六': 6, '陆': 6, '陸': 6, '七': 7, '柒': 7, '八': 8,
       '捌': 8, '九': 9, '玖': 9}
SMALL = {'十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000}
BIG = {'万': 10 ** 4, '萬': 10 ** 4, '亿': 10 ** 8, '億': 10 ** 8}
NUMCH = set(DIG) | set(SMALL) | set(BIG) | set('0123456789.点點')

PRE_APPROX = [('大约', 'about'), ('将近', 'under'), ('超过', 'over'), ('突破', 'over'), ('不到', 'under'),
              ('不足', 'under'), ('约', 'about'), ('近', 'under'), ('超', 'over'), ('逾', 'over')]
POST_APPROX = [('以上', 'over'), ('以下', 'under'), ('左右', 'about'), ('上下', 'about'), ('以内', 'under')]

MEASURE_UNITS = ['平方公里', '平方米', '立方米', '千瓦时', '公顷', '标箱', '千瓦', '兆瓦', '公里', '亩', '吨', '米']
DURATION_UNITS = [('个工作日', '工作日'), ('个月', '月'), ('工作日', '工作日'), ('个小时', '小时'), ('小时', '小时'),
                  ('天', '天'), ('周', '周'),
                  ('年', '年')]
RANGE_SEP = '-—–~～至到'


def cn_int(s):
    """Parse a numeral string (digits and/or Chinese) into Decimal."""
    if not s:
        raise ValueError('empty number')
    if s == '半':
        return Decimal('0.5')
    # Chinese decimal point: 三点五 -> 3.5
    for p in '点點':
        if p in s:
            a, b = s.split(p, 1)
            k = 0
            while k < len(b) and b[k] in DIG:
                k += 1
            frac = ''.join(str(DIG[c]) for c in b[:k])
            return cn_int(fmt(cn_int(a)) + '.' + frac + b[k:])
    total = Decimal(0)   # finished 亿-level part
    wan = Decimal(0)     # finished 万-level part
    section = Decimal(0)
    num = None
    i = 0
    while i < len(s):
        c = s[i]
        if c.isdigit() or c == '.':
            j = i
            while j < len(s) and (s[j].isdigit() or s[j] == '.'):
                j += 1
            num = Decimal(s[i:j])
            i = j
            continue
        if c in DIG:
            num = Decimal(DIG[c])
            if DIG[c] == 0:
                num = None
        elif c in SMALL:
            section += (num if num is not None else Decimal(1)) * SMALL[c]
            num = None
        elif c in BIG:
            val = section + (num if num is not None else 0)
            if val == 0 and i == 0:
                val = Decimal(1)     # a bare leading 万/亿: 近万人 = 10000
            if BIG[c] == 10 ** 4:
                wan += val * BIG[c]
            else:
                total = (total + wan + val) * BIG[c]
                wan = Decimal(0)
            section = Decimal(0)
            num = None
        else:
            raise ValueError('bad numeral char %r in %r' % (c, s))
        i += 1
    return total + wan + section + (num if num is not None else 0)


def fmt(d):
    d = Decimal(d)
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    s = format(d.normalize(), 'f')
    return s


def split_num_unit(core):
    """'1.6万家' -> ('1.6万', '家'); leading numeric run, rest is unit."""
    i = 0
    while i < len(core) and (core[i] in NUMCH or (core[i] in '余多' and i > 0) or
                             (core[i] in RANGE_SEP and 0 < i < len(core) - 1 and core[i + 1] in NUMCH)):
        i += 1
    return core[:i], core[i:]


def infer(text):
    """Return dict(kind, value, value_max, unit, approx) inferred from a mention text."""
    s = re.sub(r'\s+', '', text).translate(FW)
    approx = 'exact'
    for w, a in PRE_APPROX:
        if s.startswith(w):
            s = s[len(w):]
            approx = a
            break
    for w, a in POST_APPROX:
        if s.endswith(w):
            s = s[:-len(w)]
            approx = a
            break
    neg = False
    if s.startswith('-') or s.startswith('负'):
        neg = True
        s = s[1:]
    # ratio
    if '分之' in s and not s.startswith('百分之'):
        a, b = s.split('分之')
        v = (cn_int(b) / cn_int(a)).quantize(Decimal('0.000001'), ROUND_HALF_UP)
        return dict(kind='ratio', value=str(v), value_max=None, unit=None, approx=approx)
    kind = unit = None
    mult_unit = ''
    if s.startswith('百分之'):
        kind, unit = 'percent', '%'
        s = s[3:]
        parts = re.split('[%s]' % RANGE_SEP, s.replace('百分之', ''))
    elif s.endswith('个百分点'):
        kind, unit = 'pp', 'pp'
        s = s[:-4]
    elif s.endswith('%'):
        kind, unit = 'percent', '%'
        s = s.replace('%', '')
    elif s.endswith('美元'):
        kind, unit = 'money', 'USD'
        s = s[:-2]
    elif s.endswith('元'):
        kind, unit = 'money', 'CNY'
        s = s[:-1]
    elif s.endswith('个亿'):
        kind, unit = 'money', 'CNY'
        s = s[:-2] + '亿'
    else:
        for u in MEASURE_UNITS:
            if s.endswith(u):
                kind, unit = 'measure', u
                s = s[:-len(u)]
                break
        if kind is None and s.endswith('年半'):
            return dict(kind='duration', value=fmt(cn_int(s[:-2]) + Decimal('0.5')), value_max=None, unit='年',
                        approx=approx)
        if kind is None:
            for w, u in DURATION_UNITS:
                if s.endswith(w):
                    kind, unit = 'duration', u
                    s = s[:-len(w)]
                    break
        if kind is None:
            num, rest = split_num_unit(s)
            if not rest:
                raise ValueError('no unit in %r' % text)
            kind, unit = 'count', rest
            s = num
    if '余' in s or '多' in s:
        approx = 'over'
        s = s.replace('余', '').replace('多', '')
    # range?
    lo = hi = None
    m = None
    for k in range(1, len(s)):
        if s[k] in RANGE_SEP:
            m = k
            break
    if m is not None:
        left, right = s[:m], s[m + 1:]
        hi = cn_int(right)
        # multiplier of the right side applies to a bare left side
        big = ''
        for ch in reversed(right):
            if ch in BIG:
                big = ch + big
            else:
                break
        if big and not any(ch in BIG for ch in left):
            left = left + big
        lo = cn_int(left)
    else:
        lo = cn_int(s)
    if neg:
        lo = -lo
    if kind == 'count' and lo != lo.to_integral_value():
        raise ValueError('non-integer count %r' % text)
    return dict(kind=kind, value=fmt(lo), value_max=fmt(hi) if hi is not None else None,
                unit=unit, approx=approx)


# ---------------------------------------------------------------- markup
TOKEN = re.compile(r'⟦(.*?)⟧|⟪(\[[^\]]*\])?|(⟫)|⟨(.*?)⟩', re.S)


def parse_spec(spec):
    out = {}
    if not spec:
        return out
    for part in spec.split(';'):
        part = part.strip()
        if not part:
            continue
        if '=' not in part:
            raise ValueError('bad spec part %r' % part)
        k, v = part.split('=', 1)
        out[k.strip()] = v.strip()
    return out


def nullable(v):
    return None if v in ('-', '') else v


def listval(v):
    v = nullable(v)
    return None if v is None else [x for x in v.split('/') if x]


def u16(s):
    return len(s.encode('utf-16-le')) // 2


def build(path):
    raw = open(path, encoding='utf-8').read()
    head, body = raw.split('\n---\n', 1)
    hdr = dict(l.split('=', 1) for l in head.strip().splitlines() if l.strip() and not l.startswith('#'))
    doc, enc, eol = hdr['doc'], hdr.get('enc', 'utf-8'), hdr.get('eol', 'lf')
    if eol == 'crlf':
        body = body.replace('\r\n', '\n').replace('\n', '\r\n')
    out = []
    pos = 0          # python index into output
    ctx = {}
    mentions, projects = [], []
    open_proj = None
    last = 0
    for m in TOKEN.finditer(body):
        chunk = body[last:m.start()]
        out.append(chunk)
        pos += len(chunk)
        last = m.end()
        if m.group(1) is not None:
            inner = m.group(1)
            text, _, spec = inner.partition('|')
            sp = parse_spec(spec)
            try:
                inf = infer(text)
            except Exception as ex:
                if not all(k in sp for k in ('k', 'v', 'u')):
                    raise SystemExit('%s: cannot infer %r: %s' % (path, text, ex))
                inf = dict(kind=None, value=None, value_max=None, unit=None, approx='exact')
            for key, field in (('k', 'kind'), ('v', 'value'), ('vmax', 'value_max'), ('u', 'unit'), ('a', 'approx')):
                if key in sp:
                    inf[field] = nullable(sp[key])
            fact = None
            if 'm' in sp:
                if sp['m'] not in METRICS:
                    raise SystemExit('%s: bad metric %r' % (path, sp['m']))
                f = {'metric': sp['m']}
                for key, field, conv in (('r', 'region', listval), ('e', 'entity', listval), ('b', 'batch', nullable),
                                         ('p', 'phase', nullable), ('y', 'year', nullable)):
                    val = sp[key] if key in sp else ctx.get(key, '-')
                    f[field] = conv(val)
                if f['year'] is not None:
                    f['year'] = int(f['year'])
                fact = f
            mentions.append(dict(start=pos, end=pos + len(text), text=text, **inf, fact=fact))
            out.append(text)
            pos += len(text)
        elif m.group(0).startswith('⟪'):
            if open_proj is not None:
                raise SystemExit('%s: nested project at %d' % (path, pos))
            open_proj = (pos, parse_spec((m.group(2) or '[]')[1:-1]))
        elif m.group(3) is not None:
            if open_proj is None:
                raise SystemExit('%s: unmatched closing bracket at %d' % (path, pos))
            p0, sp = open_proj
            open_proj = None
            ptext = ''.join(out)[p0:pos]
            projects.append(dict(name=re.sub(r'\s+', '', ptext), start=p0, end=pos,
                                 batch=nullable(sp.get('b', '-')), phase=nullable(sp.get('p', '-'))))
        else:
            d = m.group(4).strip()
            if d == 'clear':
                ctx = {}
            else:
                ctx.update(parse_spec(d))
    out.append(body[last:])
    if open_proj is not None:
        raise SystemExit('%s: unclosed project' % path)
    text = ''.join(out)
    for bad in '⟦⟧⟪⟫⟨⟩':
        if bad in text:
            raise SystemExit('%s: stray markup %r in output' % (path, bad))
    # convert python offsets to UTF-16 offsets
    conv = [0] * (len(text) + 1)
    acc = 0
    for i, ch in enumerate(text):
        conv[i] = acc
        acc += 2 if ord(ch) > 0xFFFF else 1
    conv[len(text)] = acc
    for x in mentions + projects:
        x['start'], x['end'] = conv[x['start']], conv[x['end']]
    return doc, enc, text, mentions, projects


def encode(text, enc):
    if enc == 'utf-8':
        return text.encode('utf-8')
    if enc == 'utf-8-sig':
        return b'\xef\xbb\xbf' + text.encode('utf-8')
    if enc == 'gb18030':
        return text.encode('gb18030')
    if enc == 'utf-16le-bom':
        return b'\xff\xfe' + text.encode('utf-16-le')
    raise SystemExit('unknown encoding ' + enc)


def decode(b):
    """Decode an article file as the extractor must: BOM sniffing, then utf-8, then gb18030."""
    if b.startswith(b'\xef\xbb\xbf'):
        return b[3:].decode('utf-8')
    if b.startswith(b'\xff\xfe'):
        return b[2:].decode('utf-16-le')
    if b.startswith(b'\xfe\xff'):
        return b[2:].decode('utf-16-be')
    try:
        return b.decode('utf-8')
    except UnicodeDecodeError:
        return b.decode('gb18030')


def js_slice(text, start, end):
    """Slice by UTF-16 code units, like JavaScript."""
    b = text.encode('utf-16-le')
    return b[start * 2:end * 2].decode('utf-16-le')


def locate(text, needle, start):
    """Search the decoded text for needle; fail loudly unless it is found at start."""
    b = text.encode('utf-16-le')
    nb = needle.encode('utf-16-le')
    hits = [i // 2 for i in range(0, len(b) - len(nb) + 1, 2) if b.startswith(nb, i)]
    if not hits:
        raise SystemExit('text %r not found in decoded article' % needle)
    if start not in hits:
        raise SystemExit('text %r not found at %d (found at %s)' % (needle, start, hits[:5]))
    return start


def main(argv):
    check = '--check' in argv
    srcs = [a for a in argv if not a.startswith('--')]
    if not srcs:
        srcs = sorted(os.path.join(SRC, f) for f in os.listdir(SRC) if f.endswith('.src'))
    os.makedirs(GOLD, exist_ok=True)
    bad = 0
    for src in srcs:
        doc, enc, text, mentions, projects = build(src)
        data = encode(text, enc)
        art = os.path.join(CORPUS, doc)
        goldp = os.path.join(GOLD, os.path.splitext(doc)[0] + '.json')
        gold = {'doc': doc, 'mentions': mentions, 'projects': projects}
        gtxt = json.dumps(gold, ensure_ascii=False, indent=1) + '\n'
        if check:
            ok = os.path.exists(art) and open(art, 'rb').read() == data and \
                os.path.exists(goldp) and open(goldp, encoding='utf-8').read() == gtxt
            if not ok:
                print('OUT OF DATE:', doc)
                bad += 1
            continue
        with open(art, 'wb') as f:
            f.write(data)
        decoded = decode(open(art, 'rb').read())
        assert decoded == text, doc
        for x in mentions:
            locate(decoded, x['text'], x['start'])
            assert js_slice(decoded, x['start'], x['end']) == x['text']
        for p in projects:
            assert re.sub(r'\s+', '', js_slice(decoded, p['start'], p['end'])) == p['name'], p
        with open(goldp, 'w', encoding='utf-8') as f:
            f.write(gtxt)
        nf = sum(1 for x in mentions if x['fact'])
        print('%-40s %5d chars  %3d mentions  %3d facts  %3d projects' % (doc, len(text), len(mentions), nf, len(projects)))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
