/** The CLI's command table and its usage errors, so help text and validation share one source. */
import { FAULT_IDS } from '../journey/fault-ids.ts';
import { LAYERS } from '../journey/timeline.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CommandSpec {
  name: string;
  args: string;
  summary: string;
  flags: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; hint: string }>;
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'list', args: '', summary: 'chapters, labs, stages and your progress', flags: {} },
  { name: 'start', args: '<lab>', summary: 'copy a lab\'s starter files into workspace/<lab>/ (never overwrites your files)', flags: {} },
  {
    name: 'grade',
    args: '<lab>',
    summary: 'run the lab\'s graders and print the scoreboard (exit 0 only at full marks)',
    flags: {
      target: { type: 'string', hint: 'solution | starter | workspace (default: workspace)' },
      stage: { type: 'string', multiple: true, hint: 'grade only this stage (repeatable)' },
      json: { type: 'boolean', hint: 'print one JSON result instead of the scoreboard' },
      format: { type: 'string', hint: 'exercism | gradescope | prairielearn: print that grader\'s results.json instead' },
      hidden: { type: 'string', hint: 'with --format gradescope: also grade the hidden tests in this folder (<lab>/tests/, <lab>/hidden.json), shown after the due date' },
      all: { type: 'boolean', hint: 'show the failures of every stage, not only the first unfinished one' },
    },
  },
  { name: 'watch', args: '<lab>', summary: 're-grade on every save and show the first failing test', flags: {} },
  {
    name: 'hint',
    args: '<lab> [stage]',
    summary: 'the next hint for a stage, one per call (default stage: your first unfinished one)',
    flags: { seen: { type: 'boolean', hint: 'show again the hints already revealed, without a new one' } },
  },
  { name: 'import', args: '<zip>', summary: 'bring a lab exported from the browser into workspace/<lab>/ (your files there are backed up first)', flags: {} },
  { name: 'reset', args: '<lab>', summary: 'start a lab over from its starter, keeping a backup of your files', flags: {} },
  {
    name: 'doctor',
    args: '',
    summary: 'check what this machine has for the course (Node, Chromium, tshark, PostgreSQL, a sandbox, a free port)',
    flags: { platform: { type: 'string', hint: 'debian | fedora | macos | windows: whose install commands to print (default: this machine\'s)' } },
  },
  {
    name: 'new',
    args: '<id>',
    summary: 'for course authors: scaffold a chapter and a lab that pass every lab check (see labs/README.md)',
    flags: { title: { type: 'string', hint: 'the lab\'s and chapter\'s title (default: from the id)' } },
  },
  {
    name: 'class',
    args: '<action> <path>',
    summary: 'for teachers: `class grade <submissions>` grades each student\'s labs in a sandbox into a gradebook CSV; `class collect <artifacts>` gathers students\' own CI results into one (marked "student CI": feedback, not trusted); `class check-hidden <dir>` checks hidden tests; `class report <gradebook.csv>` writes an HTML report',
    flags: {
      labs: { type: 'string', hint: 'the labs to grade (or collect), e.g. dns,tcp' },
      hidden: { type: 'string', hint: 'a folder of hidden tests: <lab>/tests/*.test.ts and <lab>/hidden.json (stage, points, message per file)' },
      out: { type: 'string', hint: 'grade: the gradebook CSV (default: gradebook.csv; its log beside it); report: the HTML file (default: beside the CSV)' },
      jobs: { type: 'string', hint: 'submissions graded at once (default: the number of cores)' },
      feedback: { type: 'string', hint: 'also write what each learner may see to <dir>/<student>/<lab>.json (hidden tests by message only)' },
      due: { type: 'string', hint: 'the due date: the late column says whether the last commit (or zip) came after it' },
      'lab-seconds': { type: 'string', hint: 'wall time for one lab of one submission (default: 90)' },
      'test-seconds': { type: 'string', hint: 'time for one test, or one stage to load, before it counts as hung (default: the course\'s 10)' },
      unsafe: { type: 'boolean', hint: 'grade without a sandbox when none works here (never for work you do not trust)' },
    },
  },
  {
    name: 'ci',
    args: '<init|summary>',
    summary: 'for teachers: init writes the CI file a student\'s fork grades itself with (GitHub: a Classroom grader step per stage); summary is its scoreboard step',
    flags: {
      labs: { type: 'string', hint: 'comma-separated lab ids (default: every lab)' },
      platform: { type: 'string', hint: 'init: github | gitlab (default: github)' },
      out: { type: 'string', hint: 'init: where to write it (default: .github/workflows/grade.yml, or .gitlab-ci.yml)' },
      force: { type: 'boolean', hint: 'init: replace an existing workflow file that differs' },
      'out-dir': { type: 'string', hint: 'summary: where to write each lab\'s JSON result (default: journey-results)' },
      junit: { type: 'string', hint: 'summary: also write every test\'s result as JUnit XML to this file' },
    },
  },
  {
    name: 'trip',
    args: '',
    summary: 'chapter 11: carry one order from the phone to the inventory and back in the simulator, with your pieces where their labs\' pure stages pass; prints the timeline and phase latencies, writes the capture and its TLS key log',
    flags: {
      seed: { type: 'string', hint: 'the simulation\'s seed (default: the chapter\'s, whose Wi-Fi loses the SYN)' },
      yours: { type: 'string', hint: 'labs to take from your workspace without grading them first, e.g. tcp,dns' },
      reference: { type: 'boolean', hint: 'every piece from the reference; grades nothing' },
      out: { type: 'string', hint: 'folder for trip.pcap and keylog.txt (default: workspace/.journey/trip)' },
      layer: { type: 'string', hint: `show only these layers' steps: ${LAYERS.join(', ')}` },
      fault: { type: 'string', hint: `inject faults: ${FAULT_IDS.join(', ')}` },
      grade: { type: 'boolean', hint: 'the chapter\'s grading stage: every piece from your workspace; passes when the order comes back' },
    },
  },
  { name: 'help', args: '', summary: 'this list', flags: {} },
];

/** The help text: every command with its arguments and flags. */
export function helpText(): string {
  const lines = ['Usage: journey <command> [arguments] [flags]', '', 'Commands:'];
  for (const c of COMMANDS) {
    lines.push(`  ${`${c.name} ${c.args}`.padEnd(22)} ${c.summary}`);
    for (const [flag, spec] of Object.entries(c.flags)) {
      lines.push(`  ${''.padEnd(22)}   --${flag}${spec.type === 'string' ? ' <value>' : ''}  ${spec.hint}`);
    }
  }
  lines.push('', 'Run from the course folder with `npx journey …` (it uses the course\'s own Node).');
  lines.push('Every command takes --lang zh-cn or --lang en; without it, journey follows the system locale (LC_ALL, LC_MESSAGES, LANG).');
  return lines.join('\n');
}

/** The command spec for a name, or a UsageError listing the valid names. */
export function findCommand(name: string | undefined): CommandSpec {
  const found = COMMANDS.find((c) => c.name === name);
  if (found) return found;
  const valid = COMMANDS.map((c) => c.name).join(', ');
  throw new UsageError(name ? `unknown command "${name}". Valid commands: ${valid}.` : `no command given. Valid commands: ${valid}.`);
}
