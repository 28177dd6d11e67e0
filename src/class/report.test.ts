import { describe, expect, it } from 'vitest';
import { parseCsv, renderReport } from './report.ts';

const csv = [
  'student,lab,score,max,status,names,wire,late,commit,submitted_at,graded_at,isolation',
  'alice,dns,30,30,pass,20,10,,,2026-11-20T10:00:00Z,2026-12-04T00:00:00Z,bubblewrap',
  'bob,dns,20,30,fail,20,0,,,2026-11-25T10:00:00Z,2026-12-04T00:00:00Z,bubblewrap',
  '"<img src=x onerror=alert(1)>, ""x""",dns,0,30,tampered,0,0,,,,2026-12-04T00:00:00Z,bubblewrap',
  '',
].join('\n');

const tests = [
  'student,lab,stage,test,passed',
  'alice,dns,names,encodes a name,yes',
  'alice,dns,wire,lays out <the> header,yes',
  'bob,dns,names,encodes a name,yes',
  'bob,dns,wire,lays out <the> header,no',
  'carol,dns,wire,lays out <the> header,no',
  'carol,dns,names,encodes a name,no',
  'carol,dns,wire,compresses names,no',
  '',
].join('\n');

describe('the class report', () => {
  it('reads the gradebook CSV, quoted fields included', () => {
    const rows = parseCsv(csv);
    expect(rows.map((r) => [r.student, r.score, r.status])).toEqual([['alice', '30', 'pass'], ['bob', '20', 'fail'], ['<img src=x onerror=alert(1)>, "x"', '0', 'tampered']]);
  });

  it('charts the scores and the stages completed, and lists what to look at, escaping every value', () => {
    const html = renderReport(parseCsv(csv), 'gradebook.csv');
    expect(html).toContain('3 graded of 3 students; mean 16.7 of 30; 1 at full marks. Isolation: bubblewrap.');
    expect(html).toMatch(/>names<\/text><rect [^>]*><\/rect><text [^>]*>2 \/ 3</);
    expect(html).toMatch(/>wire<\/text><rect [^>]*><\/rect><text [^>]*>1 \/ 3</);
    expect(html).toMatch(/>90–100 %<\/text><rect [^>]*><\/rect><text [^>]*>1 \/ 3</);
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('lists the tests most students fail, most first, with their stage', () => {
    const html = renderReport(parseCsv(csv), 'gradebook.csv', parseCsv(tests));
    const failing = [...html.matchAll(/<title>([^<]*)<\/title><text [^>]*>[^<]*<\/text><rect [^>]*><\/rect><text [^>]*>(\d+ \/ \d+)</g)].map((m) => [m[1], m[2]]).filter(([label]) => label!.includes(' › '));
    expect(failing).toEqual([
      ['wire › lays out &#60;the&#62; header', '2 / 3'],
      ['names › encodes a name', '1 / 3'],
      ['wire › compresses names', '1 / 1'],
    ]);
    expect(renderReport(parseCsv(csv), 'gradebook.csv')).toContain('No per-test file beside the gradebook');
  });

  it('draws each stage\'s completion over time from the commit dates, and says why when they all fall on one day', () => {
    const html = renderReport(parseCsv(csv), 'gradebook.csv');
    const lines = [...html.matchAll(/<polyline points="([^"]*)"[^>]*><title>([^<]*)<\/title>/g)].map((m) => [m[2], m[1]!.split(' ').length]);
    // names: alice on the 20th and bob on the 25th (start, two steps of two points, end); wire: alice alone.
    expect(lines).toEqual([['names: 2 / 3', 6], ['wire: 1 / 3', 4]]);
    expect(html).toContain('>2026-11-20</text>');
    // The axis spans the whole class's work: the tampered row, with no commit date, was graded on the 4th.
    expect(html).toContain('>2026-12-04</text>');
    const oneDay = csv.replace(/2026-11-2\dT10:00:00Z/g, '');
    expect(renderReport(parseCsv(oneDay), 'gradebook.csv')).toContain('All the work is dated 2026-12-04');
  });
});
