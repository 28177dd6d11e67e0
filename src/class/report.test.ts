import { describe, expect, it } from 'vitest';
import { parseCsv, renderReport } from './report.ts';

const csv = [
  'student,lab,score,max,status,names,wire,late,commit,graded_at,isolation',
  'alice,dns,30,30,pass,20,10,,,2026-12-04T00:00:00Z,bubblewrap',
  'bob,dns,20,30,fail,20,0,,,2026-12-04T00:00:00Z,bubblewrap',
  '"<img src=x onerror=alert(1)>, ""x""",dns,0,30,tampered,0,0,,,2026-12-04T00:00:00Z,bubblewrap',
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
});
