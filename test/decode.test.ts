import { describe, expect, it } from 'vitest';
import { decode } from '../src/stages/02-decode/index.js';
import { DocumentError } from '../src/model.js';

const text = '上街区纳入省重点项目45个,总投资186.3亿元。';

function encodeUtf16(s: string, bom: 'le' | 'be'): Uint8Array {
  const le = Buffer.from(s, 'utf16le');
  if (bom === 'le') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  const be = Buffer.from(le);
  be.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
}

describe('decode', () => {
  it('reads UTF-8 with and without a BOM, removing the BOM', () => {
    expect(decode(Buffer.from(text))).toEqual({ source: text, encoding: 'utf-8' });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(decode(withBom)).toEqual({ source: text, encoding: 'utf-8' });
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    expect(decode(encodeUtf16(text, 'le'))).toEqual({ source: text, encoding: 'utf-16le' });
    expect(decode(encodeUtf16(text, 'be'))).toEqual({ source: text, encoding: 'utf-16be' });
  });

  it('detects GB18030 (and so GBK/GB2312) from the bytes', () => {
    // 中文 in GBK is D6 D0 CE C4; the whole sentence through the platform encoder
    const gbk = Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0x34, 0x35, 0xb8, 0xf6]); // 中文45个
    expect(decode(gbk)).toEqual({ source: '中文45个', encoding: 'gb18030' });
  });

  it('fails empty, binary and undecodable files with a reason a user can act on', () => {
    expect(() => decode(new Uint8Array())).toThrow(/empty file/);
    expect(() => decode(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toThrow(/binary file .*NUL byte at offset 4/);
    expect(() => decode(Buffer.from([0x41, 0xff, 0xfe, 0x42, 0xff]))).toThrow(DocumentError);
    expect(() => decode(Buffer.from([0x41, 0x42, 0xff, 0x20]))).toThrow(/undecodable bytes \(first at offset 2\).*convert it to UTF-8/);
    expect(() => decode(Buffer.from([0xff, 0xfe, 0x41]))).toThrow(/truncated utf-16le/);
  });
});
