/**
 * `journey class report gradebook.csv`: a static HTML page a teacher opens
 * in a browser, from the gradebook (and the per-test outcomes beside it,
 * when there): per lab, how the scores are spread (a histogram in tenths of
 * the maximum), how many students completed each stage, the tests most
 * students fail, each stage's completion over time (by each student's last
 * commit, or when their run was graded), and the rows to look at (tampered,
 * error, missing). Charts are inline SVG; nothing is loaded from anywhere.
 * Every value from the CSVs is escaped, since students name their own
 * folders and, in CI, their own results.
 */

/** One gradebook row, by column name. */
export type GradebookRow = Record<string, string>;

/** Parses CSV as gradebook.ts writes it (quoted fields with doubled quotes). */
export function parseCsv(text: string): GradebookRow[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      (record = []), (field = '');
    } else field += c;
  }
  if (field || record.length) records.push([...record, field]);
  const [header = [], ...rows] = records.filter((r) => r.some((v) => v !== ''));
  return rows.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? ''])));
}

const FIXED = new Set(['student', 'lab', 'score', 'max', 'status', 'late', 'commit', 'submitted_at', 'graded_at', 'isolation']);
/** How many of the most failed tests a lab lists. */
const MOST_FAILED = 8;
/** One colour per stage line, told apart in light and dark alike. */
const LINE_COLOURS = ['#3b6fd8', '#d8703b', '#2f9e5b', '#b03bd8', '#c9a227', '#d83b6f', '#3bb5d8', '#7a7a7a'];

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A horizontal bar chart: one bar per label, its value and the total it is out of; a long label is cut, whole in its tooltip. */
function bars(title: string, items: { label: string; value: number; of: number }[], labelWidth = 170): string {
  const rowHeight = 26;
  const barSpace = 320;
  const width = labelWidth + barSpace + 70;
  // About 7 px a character at 12 px: a longer label would run off the chart's left edge.
  const fits = Math.floor((labelWidth - 12) / 7);
  const height = items.length * rowHeight + 8;
  const rows = items.map((item, i) => {
    const w = item.of ? (barSpace * item.value) / item.of : 0;
    const y = i * rowHeight + 4;
    const shown = item.label.length > fits ? `${item.label.slice(0, fits - 1)}…` : item.label;
    return `<g><title>${escape(item.label)}</title><text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${escape(shown)}</text><rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowHeight - 8}" rx="3"></rect><text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 16}">${item.value} / ${item.of}</text></g>`;
  });
  return `<figure><figcaption>${escape(title)}</figcaption><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escape(title)}">${rows.join('')}</svg></figure>`;
}

/** The tests of a lab most students did not pass, most first, each with its stage. */
function mostFailed(lab: string, tests: readonly GradebookRow[]): { label: string; value: number; of: number }[] {
  const mine = tests.filter((t) => t.lab === lab);
  const counts = new Map<string, { label: string; value: number; of: number }>();
  for (const t of mine) {
    const key = `${t.stage} › ${t.test}`;
    const entry = counts.get(key) ?? { label: key, value: 0, of: 0 };
    entry.of++;
    if (t.passed !== 'yes') entry.value++;
    counts.set(key, entry);
  }
  return [...counts.values()].filter((c) => c.value > 0).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label)).slice(0, MOST_FAILED);
}

/** When a row's work was done: its last commit (or export), else when it was graded; undefined when neither parses. */
function doneAt(row: GradebookRow): number | undefined {
  for (const field of [row.submitted_at, row.graded_at]) {
    const t = field ? Date.parse(field) : NaN;
    if (!Number.isNaN(t)) return t;
  }
  return undefined;
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A step chart of how many students had completed each stage by each date, or why there is none. */
function completionOverTime(stages: readonly string[], completed: (stage: string) => GradebookRow[], graded: readonly GradebookRow[]): string {
  const of = graded.length;
  const dated = stages.map((stage) => ({ stage, times: completed(stage).map(doneAt).filter((t): t is number => t !== undefined).sort((a, b) => a - b) }));
  // The time axis spans the whole class's work, not only the completions.
  const all = graded.map(doneAt).filter((t): t is number => t !== undefined);
  const title = 'Stage completion over time (by last commit, or when graded)';
  if (new Set(all.map(day)).size < 2) return `<figure><figcaption>${escape(title)}</figcaption><p class="note">All the work is dated ${all.length ? day(all[0]!) : 'nowhere'}: a curve needs work committed (or graded in CI) on different days.</p></figure>`;
  const [width, height, left, right, top, bottom] = [560, 230, 40, 16, 10, 40];
  const from = Math.min(...all);
  const span = Math.max(...all) - from || 1;
  const x = (t: number) => left + ((width - left - right) * (t - from)) / span;
  const y = (n: number) => height - bottom - ((height - top - bottom) * n) / (of || 1);
  const lines = dated.map((d, i) => {
    const points = [`${x(from).toFixed(1)},${y(0).toFixed(1)}`];
    d.times.forEach((t, n) => points.push(`${x(t).toFixed(1)},${y(n).toFixed(1)}`, `${x(t).toFixed(1)},${y(n + 1).toFixed(1)}`));
    points.push(`${x(from + span).toFixed(1)},${y(d.times.length).toFixed(1)}`);
    return `<polyline points="${points.join(' ')}" fill="none" stroke="${LINE_COLOURS[i % LINE_COLOURS.length]}" stroke-width="2"><title>${escape(d.stage)}: ${d.times.length} / ${of}</title></polyline>`;
  });
  const axes = `<line class="axis" x1="${left}" y1="${y(0)}" x2="${width - right}" y2="${y(0)}"></line><line class="axis" x1="${left}" y1="${y(0)}" x2="${left}" y2="${top}"></line>`
    + `<text x="${left - 6}" y="${y(0) + 4}" text-anchor="end">0</text><text x="${left - 6}" y="${y(of) + 4}" text-anchor="end">${of}</text>`
    + `<text x="${left}" y="${height - bottom + 18}">${day(from)}</text><text x="${width - right}" y="${height - bottom + 18}" text-anchor="end">${day(from + span)}</text>`;
  const legend = dated.map((d, i) => `<li><span class="swatch" style="background:${LINE_COLOURS[i % LINE_COLOURS.length]}"></span>${escape(d.stage)}</li>`).join('');
  return `<figure><figcaption>${escape(title)}</figcaption><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escape(title)}">${axes}${lines.join('')}</svg><ul class="legend">${legend}</ul></figure>`;
}

/** The report page for a gradebook's rows and, when there are any, its per-test outcomes (gradebook.ts `testsCsv`). */
export function renderReport(rows: readonly GradebookRow[], source: string, tests?: readonly GradebookRow[]): string {
  const labs = [...new Set(rows.map((r) => r.lab!))];
  const sections = labs.map((lab) => {
    const mine = rows.filter((r) => r.lab === lab);
    const max = Number(mine[0]?.max ?? 0);
    const graded = mine.filter((r) => r.status !== 'missing');
    const tenths = Array.from({ length: 10 }, (_, i) => ({ label: `${i * 10}–${i === 9 ? 100 : i * 10 + 9} %`, value: 0, of: graded.length }));
    for (const r of graded) tenths[Math.min(9, Math.floor((10 * Number(r.score)) / (max || 1)))]!.value++;
    const stages = Object.keys(mine[0] ?? {}).filter((k) => !FIXED.has(k) && mine.some((r) => r[k] !== ''));
    // A stage is completed by a student who earned its most points anyone earned (its full points, when anyone did).
    const completedBy = (stage: string) => {
      const best = Math.max(...mine.map((r) => Number(r[stage] || 0)));
      return best > 0 ? graded.filter((r) => Number(r[stage] || 0) === best) : [];
    };
    const completion = stages.map((stage) => ({ label: stage, value: completedBy(stage).length, of: graded.length }));
    const failing = tests ? mostFailed(lab, tests) : [];
    const failingChart = !tests
      ? '<figure><figcaption>Tests most students fail</figcaption><p class="note">No per-test file beside the gradebook (<code>.tests.csv</code>): grade or collect again to list them.</p></figure>'
      : failing.length
        ? bars('Tests most students fail (stage › test: students who did not pass it)', failing, 460)
        : '<figure><figcaption>Tests most students fail</figcaption><p class="note">Every student passed every test.</p></figure>';
    const attention = mine.filter((r) => ['tampered', 'error', 'missing'].includes(r.status!));
    const mean = graded.length ? graded.reduce((sum, r) => sum + Number(r.score), 0) / graded.length : 0;
    const isolation = [...new Set(mine.map((r) => r.isolation || 'unknown'))].join(', ');
    return `<section><h2>${escape(lab)}</h2>
<p>${graded.length} graded of ${mine.length} students; mean ${mean.toFixed(1)} of ${max}; ${graded.filter((r) => r.status === 'pass').length} at full marks. Isolation: ${escape(isolation)}.</p>
<div class="charts">${bars('Scores (share of the maximum)', tenths)}${bars('Students who completed each stage', completion)}${failingChart}${completionOverTime(stages, completedBy, graded)}</div>
${attention.length ? `<h3>To look at</h3><table><tr><th>student</th><th>status</th><th>score</th></tr>${attention.map((r) => `<tr><td>${escape(r.student!)}</td><td class="${escape(r.status!)}">${escape(r.status!)}</td><td>${escape(r.score!)} / ${escape(r.max!)}</td></tr>`).join('')}</table>` : ''}
</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Class report: ${escape(source)}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #1c1f24; }
h1 { font-size: 1.5rem; } h2 { border-top: 1px solid #ccd; padding-top: 1rem; }
.charts { display: flex; flex-wrap: wrap; gap: 2rem; }
figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: .25rem; }
svg text { font-size: 12px; fill: #1c1f24; } svg rect { fill: #3b6fd8; } svg .axis { stroke: #8a8f98; }
.note { color: #5a5f66; max-width: 34rem; } .legend { list-style: none; display: flex; flex-wrap: wrap; gap: .3rem 1rem; padding: 0; margin: .3rem 0 0; font-size: 13px; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .35rem; vertical-align: -1px; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccd; padding: .2rem .6rem; text-align: left; }
.tampered, .error { color: #b3261e; font-weight: 600; }
@media (prefers-color-scheme: dark) { body { background: #15171a; color: #e6e8eb; } svg text { fill: #e6e8eb; } svg rect { fill: #7aa2f7; } .note { color: #a9afb8; } }
</style></head><body>
<h1>Class report</h1>
<p>From <code>${escape(source)}</code>: ${rows.length} rows, ${new Set(rows.map((r) => r.student)).size} students, labs ${labs.map(escape).join(', ')}.</p>
${sections.join('\n')}
</body></html>
`;
}
