import { describe, expect, it } from 'vitest';
import { testLine } from './test-lines.ts';

const source = [
  "import { describe, it } from 'vitest';",
  "describe('header', () => {",
  "  it('encodes the header', () => {});",
  '  for (const what of cases) {',
  '    it(`puts ${what} of the flags word`, () => {});',
  '  }',
  '});',
  "describe('question', () => {",
  "  it('encodes the header', () => {});",
  '  it("rejects a name cut short with code \'truncated\'", () => {});',
  "  it.skip('is not done yet', () => {});",
  '});',
].join('\n');

describe('the line a test is declared on', () => {
  it('is found by title within its describe block', () => {
    expect(testLine(source, 'header > encodes the header')).toBe(3);
    expect(testLine(source, 'question > encodes the header')).toBe(9);
  });

  it('matches titles built from template literals, quotes inside titles, and modifiers such as it.skip', () => {
    expect(testLine(source, 'header > puts RD in bit 8 of the flags word')).toBe(5);
    expect(testLine(source, "question > rejects a name cut short with code 'truncated'")).toBe(10);
    expect(testLine(source, 'question > is not done yet')).toBe(11);
  });

  it('is undefined for a test the file does not declare', () => {
    expect(testLine(source, 'header > decodes the header')).toBeUndefined();
    expect(testLine(source, 'puts (.*) of the flags')).toBeUndefined();
  });
});
