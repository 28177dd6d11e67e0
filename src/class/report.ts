/**
 * `journey class report gradebook.csv`: a static HTML page a teacher opens
 * in a browser, from the gradebook alone: per lab, how the scores are spread
 * (a histogram in tenths of the maximum), how many students completed each
 * stage, and the rows to look at (tampered, error, missing). Charts are
 * inline SVG; nothing is loaded from anywhere. Every value from the CSV is
 * escaped, since students name their own folders.
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

const FIXED = new Set(['student', 'lab', 'score', 'max', 'status', 'late', 'commit', 'graded_at', 'isolation']);

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A horizontal bar chart: one bar per label, its value and the total it is out of. */
function bars(title: string, items: { label: string; value: number; of: number }[]): string {
  const rowHeight = 26;
  const width = 560;
  const labelWidth = 170;
  const height = items.length * rowHeight + 8;
  const rows = items.map((item, i) => {
    const w = item.of ? ((width - labelWidth - 70) * item.value) / item.of : 0;
    const y = i * rowHeight + 4;
    return `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${escape(item.label)}</text><rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowHeight - 8}" rx="3"></rect><text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 16}">${item.value} / ${item.of}</text>`;
  });
  return `<figure><figcaption>${escape(title)}</figcaption><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escape(title)}">${rows.join('')}</svg></figure>`;
}

/** The report page for a gradebook's rows. */
export function renderReport(rows: readonly GradebookRow[], source: string): string {
  const labs = [...new Set(rows.map((r) => r.lab!))];
  const sections = labs.map((lab) => {
    const mine = rows.filter((r) => r.lab === lab);
    const max = Number(mine[0]?.max ?? 0);
    const graded = mine.filter((r) => r.status !== 'missing');
    const tenths = Array.from({ length: 10 }, (_, i) => ({ label: `${i * 10}–${i === 9 ? 100 : i * 10 + 9} %`, value: 0, of: graded.length }));
    for (const r of graded) tenths[Math.min(9, Math.floor((10 * Number(r.score)) / (max || 1)))]!.value++;
    const stages = Object.keys(mine[0] ?? {}).filter((k) => !FIXED.has(k) && mine.some((r) => r[k] !== ''));
    // A stage is completed by a student who earned its most points anyone earned (its full points, when anyone did).
    const completion = stages.map((stage) => {
      const best = Math.max(...mine.map((r) => Number(r[stage] || 0)));
      return { label: stage, value: best > 0 ? graded.filter((r) => Number(r[stage] || 0) === best).length : 0, of: graded.length };
    });
    const attention = mine.filter((r) => ['tampered', 'error', 'missing'].includes(r.status!));
    const mean = graded.length ? graded.reduce((sum, r) => sum + Number(r.score), 0) / graded.length : 0;
    const isolation = [...new Set(mine.map((r) => r.isolation || 'unknown'))].join(', ');
    return `<section><h2>${escape(lab)}</h2>
<p>${graded.length} graded of ${mine.length} students; mean ${mean.toFixed(1)} of ${max}; ${graded.filter((r) => r.status === 'pass').length} at full marks. Isolation: ${escape(isolation)}.</p>
<div class="charts">${bars('Scores (share of the maximum)', tenths)}${bars('Students who completed each stage', completion)}</div>
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
svg text { font-size: 12px; fill: #1c1f24; } svg rect { fill: #3b6fd8; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccd; padding: .2rem .6rem; text-align: left; }
.tampered, .error { color: #b3261e; font-weight: 600; }
@media (prefers-color-scheme: dark) { body { background: #15171a; color: #e6e8eb; } svg text { fill: #e6e8eb; } svg rect { fill: #7aa2f7; } }
</style></head><body>
<h1>Class report</h1>
<p>From <code>${escape(source)}</code>: ${rows.length} rows, ${new Set(rows.map((r) => r.student)).size} students, labs ${labs.map(escape).join(', ')}.</p>
${sections.join('\n')}
</body></html>
`;
}
