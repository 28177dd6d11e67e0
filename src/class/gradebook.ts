/**
 * The gradebook: one CSV row per student and lab, identity first so Canvas
 * and Moodle can match it: `student,lab,score,max,status,<stage ids…>,late,
 * commit,submitted_at,graded_at,isolation`. Stage columns are every graded
 * lab's stages in order (a stage id two labs share is written `lab.stage`); a
 * row leaves the other labs' columns empty. Beside it, `<name>.tests.csv`
 * has every course test's outcome per student (`student,lab,stage,test,
 * passed`), which the report reads for the tests most students fail.
 */
import type { Lab } from '../course/labs.ts';
import type { LabGrade } from './grade-submission.ts';

/** The stage columns for these labs: stage id → [lab, stage] in order. */
export function stageColumns(labs: readonly Lab[]): { header: string; lab: string; stage: string }[] {
  const all = labs.flatMap((lab) => lab.manifest.stages.map((s) => ({ lab: lab.id, stage: s.id })));
  const shared = new Set(all.filter((c, i) => all.findIndex((o) => o.stage === c.stage) !== i).map((c) => c.stage));
  return all.map((c) => ({ ...c, header: shared.has(c.stage) ? `${c.lab}.${c.stage}` : c.stage }));
}

/**
 * One CSV field, quoted when it must be, and never a formula: a spreadsheet
 * runs a cell that starts with = + - @ (a student could name a folder so).
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** True when the work came in after the due date (unknown without both dates). */
function late(grade: LabGrade, due: Date | undefined): string {
  if (!due || !grade.submittedAt) return '';
  return new Date(grade.submittedAt) > due ? 'yes' : 'no';
}

/** The whole gradebook as CSV text, rows sorted by student then lab order. */
export function gradebookCsv(labs: readonly Lab[], grades: readonly LabGrade[], due?: Date): string {
  const columns = stageColumns(labs);
  const header = ['student', 'lab', 'score', 'max', 'status', ...columns.map((c) => c.header), 'late', 'commit', 'submitted_at', 'graded_at', 'isolation'];
  const order = labs.map((l) => l.id);
  const rows = [...grades]
    .sort((a, b) => a.student.localeCompare(b.student) || order.indexOf(a.lab) - order.indexOf(b.lab))
    .map((g) => [g.student, g.lab, g.score, g.max, g.status, ...columns.map((c) => (c.lab === g.lab ? g.stages[c.stage] : undefined)), late(g, due), g.commit, g.submittedAt, g.gradedAt, g.isolation]);
  return csvText([header, ...rows]);
}

function csvText(rows: readonly (readonly (string | number | undefined)[])[]): string {
  return rows.map((row) => row.map((v) => csvField(v)).join(',')).join('\n') + '\n';
}

/** Where the per-test outcomes go, beside the gradebook. */
export function testsCsvPath(gradebook: string): string {
  return gradebook.replace(/(\.csv)?$/, '.tests.csv');
}

/** Every course test's outcome per student and lab, as CSV (`student,lab,stage,test,passed`). */
export function testsCsv(grades: readonly LabGrade[]): string {
  const rows = grades.flatMap((g) => (g.tests ?? []).map((t) => [g.student, g.lab, t.stage, t.name, t.passed ? 'yes' : 'no']));
  return csvText([['student', 'lab', 'stage', 'test', 'passed'], ...rows]);
}
