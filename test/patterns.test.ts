import { describe, expect, it } from 'vitest';
import { matches } from '../src/rules/patterns.js';

// matches() stands in for String.prototype.matchAll on the stages' hot paths: it must give the
// same matches in every case matchAll handles.
describe('matches', () => {
  const same = (re: RegExp, s: string) =>
    expect(matches(re, s).map((m) => [m.index, ...m])).toEqual([...s.matchAll(re)].map((m) => [m.index, ...m]));

  it('gives what matchAll gives, groups and indexes included', () => {
    same(/(\d+)(亿元|万元)/gu, '总投资186.3亿元,其中50万元;又20亿元');
    same(/项目/g, '没有');
  });

  it('steps past empty matches, by whole characters under /u', () => {
    same(/a*/gu, '𠮷a𠮷aa');
    same(/a*/g, 'baab');
    same(/(?=项目)/gu, '项目A项目');
  });

  it('starts at lastIndex as matchAll does, and leaves lastIndex as it was', () => {
    const re = /\d/g;
    re.lastIndex = 2;
    same(re, '1234');
    expect(re.lastIndex).toBe(2);
    re.lastIndex = 0;
    expect(matches(re, '12').length).toBe(2);
    expect(re.lastIndex).toBe(0);
  });
});
