import { describe, expect, it } from 'vitest';
import { actionForKey, announcement, checkSteps, counterText, parseParts, splitInlineCode, stepAfter, type Step } from './step-through.ts';
import { en } from '../i18n/en.ts';

describe('stepAfter', () => {
  it('moves one step with next and previous, and jumps with first and last', () => {
    expect(stepAfter(2, 8, 'next')).toBe(3);
    expect(stepAfter(2, 8, 'previous')).toBe(1);
    expect(stepAfter(5, 8, 'first')).toBe(0);
    expect(stepAfter(1, 8, 'last')).toBe(7);
  });

  it('stops at both ends instead of wrapping round', () => {
    expect(stepAfter(7, 8, 'next')).toBe(7);
    expect(stepAfter(0, 8, 'previous')).toBe(0);
  });

  it('copes with a single step', () => {
    expect(['next', 'previous', 'first', 'last'].map((a) => stepAfter(0, 1, a as 'next'))).toEqual([0, 0, 0, 0]);
  });
});

describe('actionForKey', () => {
  it('maps the left and right arrows, Home and End', () => {
    expect(['ArrowRight', 'ArrowLeft', 'Home', 'End'].map(actionForKey)).toEqual(['next', 'previous', 'first', 'last']);
  });

  it('leaves every other key to the browser, up and down included so the page still scrolls', () => {
    expect(['ArrowUp', 'ArrowDown', ' ', 'Enter', 'Tab', 'a'].map(actionForKey)).toEqual([null, null, null, null, null, null]);
  });
});

describe('counter and announcement', () => {
  it('counts from 1 for people', () => {
    expect(counterText(2, 8, en)).toBe('Step 3 of 8');
  });

  it('announces the counter, title and text, without the backticks', () => {
    expect(announcement(0, 12, { title: 'Ask the root', text: 'Query `www.shop.example` with RD=0.' }, en)).toBe(
      'Step 1 of 12: Ask the root. Query www.shop.example with RD=0.',
    );
  });

  it('does not double the full stop after a title that ends in one', () => {
    expect(announcement(2, 12, { title: 'The root refers it to `example.`', text: 'A referral.' }, en)).toBe(
      'Step 3 of 12: The root refers it to example. A referral.',
    );
  });
});

describe('parseParts', () => {
  it('splits a data-active attribute on whitespace', () => {
    expect([...parseParts(' root  ask-root\tresolver ')]).toEqual(['root', 'ask-root', 'resolver']);
  });

  it('treats a missing attribute as no parts', () => {
    expect(parseParts(null).size).toBe(0);
    expect(parseParts(undefined).size).toBe(0);
  });
});

describe('splitInlineCode', () => {
  it('separates code written between backticks from plain text', () => {
    expect(splitInlineCode('ask `example.` for `www`.')).toEqual([
      { code: false, text: 'ask ' },
      { code: true, text: 'example.' },
      { code: false, text: ' for ' },
      { code: true, text: 'www' },
      { code: false, text: '.' },
    ]);
  });

  it('returns plain text as one segment and keeps an unpaired backtick', () => {
    expect(splitInlineCode('no code')).toEqual([{ code: false, text: 'no code' }]);
    expect(splitInlineCode('a ` b')).toEqual([{ code: false, text: 'a ` b' }]);
    expect(splitInlineCode('`all`')).toEqual([{ code: true, text: 'all' }]);
  });
});

describe('checkSteps', () => {
  const step = (title: string, active: string[]): Step => ({ title, text: '', active });

  it('accepts steps whose parts all exist', () => {
    expect(() => checkSteps([step('one', ['a']), step('two', ['a', 'b'])], ['a', 'b'])).not.toThrow();
  });

  it('names the step and the unknown part, and lists the parts that exist', () => {
    expect(() => checkSteps([step('one', ['a']), step('two', ['a', 'c'])], ['a', 'b'])).toThrow(
      'StepThrough: step 2 ("two") highlights "c", which the diagram does not have; it has "a", "b"',
    );
  });

  it('rejects no steps and an untitled step', () => {
    expect(() => checkSteps([])).toThrow(/empty/);
    expect(() => checkSteps([step(' ', [])])).toThrow(/step 1 has no title/);
  });
});
