import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { processDocument } from '../src/pipeline/document-machine.js';
import { rules } from './helpers/pipeline.js';

// One actor per thread runs every document, so nothing of one document may reach the next.
const ARTICLE = '全市签约项目45个，总投资186.3亿元，同比增长12.5%。';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('the document machine', () => {
  it('gives a document the same result whatever came before it', () => {
    const bytes = Buffer.from(ARTICLE, 'utf8');
    const first = processDocument({ path: 'a.txt', bytes, rules: rules() });
    const failed = processDocument({ path: 'empty.txt', bytes: Buffer.from('  \n'), rules: rules() });
    const other = processDocument({ path: 'b.txt', source: '某区开工项目8个。', rules: rules() });
    const again = processDocument({ path: 'a.txt', bytes, rules: rules() });
    expect(first.status).toBe('ok');
    expect(failed.status).toBe('failed');
    expect(other.status).toBe('ok');
    expect(again).toEqual(first);
    if (first.status === 'ok') expect(first.doc.facts.length).toBeGreaterThan(0);
  });

  it('fails a document with its own identity and reason, not the last one\'s', () => {
    processDocument({ path: 'a.txt', bytes: Buffer.from(ARTICLE, 'utf8'), rules: rules() });
    const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]);
    const r = processDocument({ path: 'x.zip.txt', bytes: binary, rules: rules() });
    expect(r).toMatchObject({ status: 'failed', path: 'x.zip.txt', sha256: sha(binary), encoding: null });
    if (r.status === 'failed') expect(r.error).toMatch(/binary/);
    const ok = processDocument({ path: 'b.txt', source: '某区开工项目8个。', rules: rules() });
    expect(ok.status).toBe('ok');
    if (ok.status === 'ok') expect(ok.doc.mentions.map((m) => m.text)).toEqual(['8个']);
  });
});
