#!/usr/bin/env python3
"""Verify every corpus/gold/*.json against its article.

Usage: python3 corpus/tools/verify_gold.py [--scan] [--seeds DIR]

Errors (exit 1):
  - doc missing; text.slice(start,end) !== mention.text (UTF-16 offsets into the decoded text)
  - bad kind/unit/approx, value or value_max not an exact decimal string, fact slots malformed
  - overlapping mentions, overlapping or duplicate projects, project slice minus whitespace !== name
  - .html: a mention or project inside a tag, <script>, <style> or comment
  - any run of 24 identical characters (whitespace ignored) shared with the seed articles
Warnings (printed, not fatal):
  - the value the inference in make_gold.py would give differs from the gold value
  - --scan: number + unit sequences in the text not covered by any mention (for review)
"""
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from make_gold import decode, infer, METRICS, KINDS, BATCHES  # noqa: E402

DEC = re.compile(r'^-?(0|[1-9]\d*)(\.\d*[1-9])?$')
RATIO = re.compile(r'^-?\d+\.\d{6}$')
APPROX = {'exact', 'about', 'over', 'under'}
PHASE = re.compile(r'^[1-9]\d*(-[1-9]\d*)?$')
MKEYS = {'start', 'end', 'text', 'kind', 'value', 'value_max', 'unit', 'approx', 'fact'}
FKEYS = {'metric', 'region', 'entity', 'batch', 'phase', 'year'}
PKEYS = {'name', 'start', 'end', 'batch', 'phase'}


def u16(text):
    return text.encode('utf-16-le')


def js_slice(b, s, e):
    return b[2 * s:2 * e].decode('utf-16-le')


def hidden_ranges(text):
    """UTF-16 ranges of an HTML text that are not visible text."""
    out = []
    for m in re.finditer(r'<script.*?</script>|<style.*?</style>|<!--.*?-->|<[^>]*>|&[a-z]+;|&#\d+;', text, re.S | re.I):
        out.append((len(u16(text[:m.start()])) // 2, len(u16(text[:m.end()])) // 2))
    return out


def strlist(v):
    return v is None or (isinstance(v, list) and v and all(isinstance(x, str) and x for x in v))


def check_file(gp, errors, warnings, scan):
    g = json.load(open(gp, encoding='utf-8'))
    name = os.path.basename(gp)

    def err(msg):
        errors.append('%s: %s' % (name, msg))

    if set(g) != {'doc', 'mentions', 'projects'}:
        err('top-level keys %s' % sorted(g))
    doc = os.path.join(CORPUS, g['doc'])
    if os.path.splitext(g['doc'])[0] != os.path.splitext(name)[0]:
        err('doc %s does not match gold file name' % g['doc'])
    if not os.path.exists(doc):
        err('doc %s missing' % g['doc'])
        return g, None
    text = decode(open(doc, 'rb').read())
    b = u16(text)
    n16 = len(b) // 2
    hidden = hidden_ranges(text) if doc.endswith('.html') else []
    spans = []
    for i, m in enumerate(g['mentions']):
        where = 'mention %d %r' % (i, m.get('text'))
        if set(m) != MKEYS:
            err('%s keys %s' % (where, sorted(m)))
            continue
        s, e = m['start'], m['end']
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n16):
            err('%s bad offsets' % where)
            continue
        if js_slice(b, s, e) != m['text']:
            err('%s slice is %r' % (where, js_slice(b, s, e)))
        if m['kind'] not in KINDS:
            err('%s kind %r' % (where, m['kind']))
        pat = RATIO if m['kind'] == 'ratio' else DEC
        if not isinstance(m['value'], str) or not pat.match(m['value']):
            err('%s value %r not an exact decimal string' % (where, m['value']))
        if m['value_max'] is not None and (not isinstance(m['value_max'], str) or not pat.match(m['value_max'])):
            err('%s value_max %r' % (where, m['value_max']))
        if m['kind'] == 'count' and '.' in m['value']:
            err('%s count not an integer' % where)
        unit_ok = {'money': lambda u: isinstance(u, str) and re.match(r'^[A-Z]{3}$', u),
                   'percent': lambda u: u == '%', 'pp': lambda u: u == 'pp', 'ratio': lambda u: u is None,
                   }.get(m['kind'], lambda u: isinstance(u, str) and u != '')
        if not unit_ok(m['unit']):
            err('%s unit %r for kind %s' % (where, m['unit'], m['kind']))
        if m['approx'] not in APPROX:
            err('%s approx %r' % (where, m['approx']))
        for hs, he in hidden:
            if s < he and hs < e:
                err('%s lies in HTML markup/script' % where)
        f = m['fact']
        if f is not None:
            if set(f) != FKEYS:
                err('%s fact keys %s' % (where, sorted(f)))
            else:
                if f['metric'] not in METRICS:
                    err('%s metric %r' % (where, f['metric']))
                if not strlist(f['region']) or not strlist(f['entity']):
                    err('%s region/entity must be null or non-empty list of strings' % where)
                if f['batch'] not in BATCHES | {None}:
                    err('%s batch %r' % (where, f['batch']))
                if f['phase'] is not None and not (isinstance(f['phase'], str) and PHASE.match(f['phase'])):
                    err('%s phase %r' % (where, f['phase']))
                if f['year'] is not None and not (isinstance(f['year'], int) and 1990 <= f['year'] <= 2035):
                    err('%s year %r' % (where, f['year']))
                kind_for = {'project_count': 'count', 'enterprise_count': 'count', 'growth_pp': 'pp'}
                money = {'total_investment', 'annual_planned_investment', 'completed_investment', 'revenue',
                         'output_value', 'tax', 'gdp'}
                want = kind_for.get(f['metric'], 'money' if f['metric'] in money else 'percent')
                if m['kind'] != want:
                    err('%s metric %s on kind %s' % (where, f['metric'], m['kind']))
        try:
            inf = infer(m['text'])
            for k in ('kind', 'value', 'value_max', 'unit'):
                if inf[k] != m[k]:
                    warnings.append('%s: %s %s inferred %r, gold %r' % (name, where, k, inf[k], m[k]))
        except Exception as ex:  # noqa: BLE001
            warnings.append('%s: %s cannot infer: %s' % (name, where, ex))
        spans.append((s, e, where))
    spans.sort()
    for a, c in zip(spans, spans[1:]):
        if c[0] < a[1]:
            err('overlapping mentions %s and %s' % (a[2], c[2]))
    seen = set()
    pspans = []
    for i, p in enumerate(g['projects']):
        where = 'project %d %r' % (i, p.get('name'))
        if set(p) != PKEYS:
            err('%s keys %s' % (where, sorted(p)))
            continue
        s, e = p['start'], p['end']
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n16):
            err('%s bad offsets' % where)
            continue
        if re.sub(r'\s+', '', js_slice(b, s, e)) != p['name']:
            err('%s slice is %r' % (where, js_slice(b, s, e)))
        if p['name'] in seen:
            err('%s listed twice' % where)
        seen.add(p['name'])
        if p['batch'] not in BATCHES | {None}:
            err('%s batch %r' % (where, p['batch']))
        if p['phase'] is not None and not (isinstance(p['phase'], str) and PHASE.match(p['phase'])):
            err('%s phase %r' % (where, p['phase']))
        for hs, he in hidden:
            if s < he and hs < e:
                err('%s lies in HTML markup/script' % where)
        # first occurrence: the name must not occur (whitespace-insensitively) earlier
        flat = re.sub(r'\s+', '', js_slice(b, 0, s))
        if p['name'] in flat:
            err('%s is not the first occurrence' % where)
        pspans.append((s, e, where))
    pspans.sort()
    for a, c in zip(pspans, pspans[1:]):
        if c[0] < a[1]:
            err('overlapping projects %s and %s' % (a[2], c[2]))
    if scan:
        covered = [(m['start'], m['end']) for m in g['mentions']] + hidden
        num = r'[0-9０-９][0-9０-９.．]*|[〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟兩萬億]+'
        unit = r'\s*(?:万|亿|萬|億)?\s*(?:余|多|餘)?\s*(?:个|個|家|件|名|项|項|条|條|人|次|辆|宗|套|只|台|座|栋|亿|元|%|％|吨|噸|亩|畝|公顷|平方|标箱|標箱|千瓦|天|周|月|年|户|批|所|场|期|位)'
        for mm in re.finditer('(?:%s)%s' % (num, unit), text):
            s = len(u16(text[:mm.start()])) // 2
            e = s + len(u16(mm.group(0))) // 2
            g0 = mm.group(0)
            before = text[max(0, mm.start() - 1):mm.start()]
            after = text[mm.end():mm.end() + 3]
            noise = (g0 in ('三个', '一批', '一个', '一名', '万人', '一期', '二期', '三期') or before in ('第', '前')
                     or re.match(r'^[0-9０-９]{4}\s*年$', g0) or re.match(r'^[0-9０-９]{1,2}月$', g0) and re.match(r'^\d', after)
                     or g0.endswith('期'))
            if not noise and not any(cs < e and s < ce for cs, ce in covered):
                ctx = text[max(0, mm.start() - 6):mm.end() + 4].replace('\n', '⏎')
                warnings.append('%s: uncovered %r  …%s…' % (name, mm.group(0), ctx))
    return g, text


def copy_check(seeds_dir, errors, n=24):
    def flat(t):
        return re.sub(r'\s+', '', t)
    grams = set()
    for sp in glob.glob(os.path.join(seeds_dir, '*.txt')):
        t = flat(open(sp, encoding='utf-8').read())
        for i in range(len(t) - n + 1):
            grams.add(t[i:i + n])
    files = [f for f in glob.glob(os.path.join(CORPUS, '**', '*'), recursive=True)
             if os.path.isfile(f) and not f.endswith(('.pyc',))]
    for f in files:
        raw = open(f, 'rb').read()
        try:
            t = flat(decode(raw))
        except UnicodeDecodeError:
            continue
        for i in range(len(t) - n + 1):
            if t[i:i + n] in grams:
                errors.append('%s: shares a %d-char run with the seeds: %s' % (os.path.relpath(f, CORPUS), n, t[i:i + n]))
                break


def main(argv):
    scan = '--scan' in argv
    seeds = '/work/shared/seeds'
    if '--seeds' in argv:
        seeds = argv[argv.index('--seeds') + 1]
    errors, warnings = [], []
    golds = sorted(glob.glob(os.path.join(CORPUS, 'gold', '*.json')))
    tot = [0, 0, 0]
    for gp in golds:
        g, _ = check_file(gp, errors, warnings, scan)
        nm, nf, npj = len(g['mentions']), sum(1 for m in g['mentions'] if m['fact']), len(g['projects'])
        tot[0] += nm
        tot[1] += nf
        tot[2] += npj
        print('%-40s %4d mentions %4d facts %3d projects' % (g['doc'], nm, nf, npj))
    arts = [f for f in os.listdir(CORPUS) if os.path.isfile(os.path.join(CORPUS, f)) and f[:3].isdigit()]
    gold_docs = {json.load(open(gp, encoding='utf-8'))['doc'] for gp in golds}
    for a in arts:
        if a not in gold_docs:
            errors.append('article %s has no gold file' % a)
    if os.path.isdir(seeds):
        copy_check(seeds, errors)
    else:
        warnings.append('seeds dir %s not found: copy check skipped' % seeds)
    print('%-40s %4d mentions %4d facts %3d projects' % ('TOTAL (%d files)' % len(golds), *tot))
    for w in warnings:
        print('WARN', w)
    for e in errors:
        print('ERROR', e)
    print('%d errors, %d warnings' % (len(errors), len(warnings)))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
