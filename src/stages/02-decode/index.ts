import { DocumentError } from '../../model.js';

// Bytes → text. Chinese news archives are UTF-8, UTF-16 (Windows "Unicode") or GB18030/GBK;
// the encoding is told from the bytes, and anything else is a failed document with a reason.

export interface Decoded {
  source: string;
  encoding: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const gb18030 = new TextDecoder('gb18030', { fatal: true });

export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new DocumentError('empty file: there is no text to read');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { source: strictUtf8(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { source: utf16(bytes, 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { source: utf16(bytes, 'utf-16be'), encoding: 'utf-16be' };
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new DocumentError(
      `binary file (a NUL byte at offset ${nul}): not a text article; UTF-16 text needs a byte-order mark`,
    );
  }
  try {
    return { source: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: try GB18030, a superset of GBK and GB2312
  }
  try {
    const source = gb18030.decode(bytes);
    if (source.length > 0 && !source.includes('\ufffd')) return { source: stripBom(source), encoding: 'gb18030' };
  } catch {
    // fall through to the error below
  }
  const bad = firstInvalidUtf8(bytes);
  throw new DocumentError(
    `undecodable bytes (first at offset ${bad}): the file is neither UTF-8, UTF-16 with a BOM nor GB18030; ` +
      'convert it to UTF-8 (e.g. iconv -f <encoding> -t UTF-8) and run again',
  );
}

function strictUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes) + 3;
    throw new DocumentError(`invalid UTF-8 after a UTF-8 byte-order mark (first bad byte at offset ${bad}); re-save the file as UTF-8`);
  }
}

function utf16(bytes: Uint8Array, label: 'utf-16le' | 'utf-16be'): string {
  if (bytes.length % 2 !== 0) throw new DocumentError(`truncated ${label} file: odd number of bytes (${bytes.length})`);
  const text = new TextDecoder(label, { fatal: false, ignoreBOM: false }).decode(bytes);
  if (text.length === 0) throw new DocumentError('empty file: only a byte-order mark, no text');
  return text;
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return bytes.length;
}
