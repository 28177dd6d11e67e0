/**
 * What `journey` says to a learner, one catalogue per language: the
 * scoreboard and the learner's commands (list, start, grade, watch, hint,
 * import, reset), their usage errors included. The other commands have a catalogue each, in the same
 * shape (an English object whose type the Chinese must match key for key):
 * usage-words.ts (help), doctor-words.ts (doctor), trip-words.ts and
 * ../journey/journey-words.ts (trip and its verdict), teacher-words.ts
 * (class, ci, new). Test names, failure messages, JSON output, file names
 * and command names are code and stay English.
 */
import type { Locale } from '../course/locale.ts';

const en = {
  error: 'journey:',
  helpPointer: 'Run `npx journey help` for every command.',
  // Scoreboard
  runnerLine: (where: string, runner: string, seconds: string) => `— ${where}, ${runner} runner, ${seconds} s`,
  notRunHere: 'not run here',
  didNotRun: 'did not run: its test file failed to load',
  testsPassed: (passed: number, total: number) => `${passed}/${total} tests`,
  statusWords: { passed: 'passed', failed: 'failed', hung: 'hung', 'not-run': 'not run', skipped: 'skipped' },
  noTests: 'no tests',
  yourCodePrinted: 'your code printed:',
  moreLines: (n: number) => `… ${n} more lines`,
  sameError: (n: number) => `the same error in ${n} more test${n === 1 ? '' : 's'}`,
  score: 'Score',
  failing: 'Failing:',
  failingIn: (stage: string) => `Failing in ${stage}, your first unfinished stage:`,
  // After a grade
  otherFailures: (others: number, lab: string) =>
    `${others === 1 ? "The other unfinished stage's" : `The other ${others} unfinished stages'`} failures: \`npx journey grade ${lab} --all\`.`,
  stageNeeds: (stage: string, tools: string) => `Stage ${stage} needs ${tools}, which this machine lacks: see \`npx journey doctor\`.`,
  stuck: (lab: string, stage: string) => `Stuck? \`npx journey hint ${lab} ${stage}\`.`,
  grading: (lab: string, target: string) => `Grading ${lab} (${target})…`,
  notStarted: (lab: string, dir: string) => `You have not started the ${lab} lab: ${dir}/ does not exist.`,
  notStartedNext: (lab: string) => `Run \`npx journey start ${lab}\` to copy the starter files there, or grade the reference with --target solution.`,
  // list
  latestRun: (score: number, max: number) => ` (latest run ${score}/${max})`,
  best: (score: number, max: number) => `${score}/${max} best`,
  startedNotGraded: 'started, not graded yet',
  notStartedYet: 'not started',
  wasDue: (date: string) => `was due ${date}`,
  due: (date: string) => `due ${date}`,
  pts: (n: number) => `${n} pts`,
  needsTools: (tools: string) => `needs ${tools}: not installed, see \`npx journey doctor\``,
  // start, import, reset
  copied: (files: string, dir: string) => `Copied ${files} into ${dir}/`,
  nowGiven: (files: string, many: boolean, given: string) =>
    `Your ${files} ${many ? 'are' : 'is'} now given: graders read ${given}/, so import ${many ? 'them' : 'it'} as @impl/<file> (your copies are kept, unused).`,
  kept: (files: string, many: boolean, lab: string) =>
    `Kept your ${files} as ${many ? 'they are' : 'it is'} (start never overwrites; \`journey reset ${lab}\` starts over with a backup).`,
  startNext: (lab: string) => `Next: edit the files, then \`npx journey grade ${lab}\` (or \`npx journey watch ${lab}\`).`,
  cannotImport: (zip: string, reason: string) => `cannot import ${zip}: ${reason}. Nothing was changed.`,
  movedPrevious: (dir: string) => `Moved your previous files to ${dir}/.`,
  leftOutGiven: (files: string, given: string) => `Left out ${files}: given files, read from ${given}/.`,
  imported: (n: number, dir: string, lab: string) => `Imported ${n} files into ${dir}/. Grade them: \`npx journey grade ${lab}\`.`,
  movedFiles: (dir: string) => `Moved your files to ${dir}/ (nothing is deleted; copy back what you need).`,
  startedAfresh: (lab: string, files: string, dir: string) => `Started ${lab} afresh: ${files} copied from the starter into ${dir}/.`,
  // watch
  stagesPassed: (passed: number, total: number) => `${passed}/${total} stages passed`,
  everyStagePasses: 'Every stage passes. Well done.',
  watching: (dir: string) => `Watching ${dir}/ — save a file to re-grade, Ctrl+C to stop.`,
  // hint
  hintHeading: (points: number, runsIn: string) => `(${points} points, runs in: ${runsIn})`,
  /** The hint's number, and what separates it from the hint. */
  hintN: (n: number, total: number) => `Hint ${n} of ${total}. `,
  noHintsYet: (command: string) => `No hints seen yet: \`${command}\` shows the first.`,
  stillStuck: (command: string, next: number, total: number, earlier: boolean) =>
    `Still stuck? \`${command}\` reveals hint ${next} of ${total}.${earlier ? ` Earlier hints: \`${command} --seen\`.` : ''}`,
  everyHint: "That is every hint for this stage. The chapter and the failing test's message say the rest.",
  // Usage errors of the learner's commands
  nameALab: (ids: string) => `name a lab. Labs: ${ids}.`,
  labLeftOut: (id: string, ids: string) => `lab "${id}" is not part of this course: course.json's "chapters" leaves its chapter out. Labs: ${ids}.`,
  unknownLab: (id: string, ids: string) => `unknown lab "${id}". Labs: ${ids}.`,
  unknownStage: (lab: string, stage: string, ids: string) => `lab "${lab}" has no stage "${stage}". Stages: ${ids}.`,
  nameAZip: 'name the zip to import, e.g. `npx journey import ~/Downloads/dns.zip`.',
  noSuchFile: (path: string) => `there is no file ${path}.`,
};

/** The CLI's words: the keys of the English catalogue. */
export type Messages = typeof en;

const zhCn: Messages = {
  error: 'journey:',
  helpPointer: '运行 `npx journey help` 查看全部命令。',
  runnerLine: (where, runner, seconds) => `— ${where}，${runner} 评分器，${seconds} 秒`,
  notRunHere: '未在此处运行',
  didNotRun: '未运行：测试文件加载失败',
  testsPassed: (passed, total) => `${passed}/${total} 个测试`,
  statusWords: { passed: '通过', failed: '失败', hung: '挂起', 'not-run': '未运行', skipped: '跳过' },
  noTests: '没有测试',
  yourCodePrinted: '你的代码输出：',
  moreLines: (n) => `… 还有 ${n} 行`,
  sameError: (n) => `另有 ${n} 个测试出现同样的错误`,
  score: '得分',
  failing: '未通过：',
  failingIn: (stage) => `${stage} 未通过（你第一个未完成的阶段）：`,
  otherFailures: (others, lab) => `其余 ${others} 个未完成阶段的失败信息：\`npx journey grade ${lab} --all\`。`,
  stageNeeds: (stage, tools) => `阶段 ${stage} 需要 ${tools}，但本机没有安装：见 \`npx journey doctor\`。`,
  stuck: (lab, stage) => `卡住了？试试 \`npx journey hint ${lab} ${stage}\`。`,
  grading: (lab, target) => `正在评分 ${lab}（${target}）…`,
  notStarted: (lab, dir) => `你还没有开始 ${lab} 实验：${dir}/ 不存在。`,
  notStartedNext: (lab) => `运行 \`npx journey start ${lab}\` 把初始代码复制过去，或用 --target solution 为参考实现评分。`,
  latestRun: (score, max) => `（最近一次 ${score}/${max}）`,
  best: (score, max) => `最好成绩 ${score}/${max}`,
  startedNotGraded: '已开始，尚未评分',
  notStartedYet: '未开始',
  wasDue: (date) => `已于 ${date} 截止`,
  due: (date) => `截止 ${date}`,
  pts: (n) => `${n} 分`,
  needsTools: (tools) => `需要 ${tools}：尚未安装，见 \`npx journey doctor\``,
  copied: (files, dir) => `已把 ${files} 复制到 ${dir}/`,
  nowGiven: (files, _many, given) => `你的 ${files} 现在由课程提供：评分器读取 ${given}/，请以 @impl/<file> 导入（你的副本保留，但不再使用）。`,
  kept: (files, _many, lab) => `保留了你的 ${files}（start 从不覆盖；\`journey reset ${lab}\` 会先备份再重新开始）。`,
  startNext: (lab) => `下一步：编辑这些文件，然后运行 \`npx journey grade ${lab}\`（或 \`npx journey watch ${lab}\`）。`,
  cannotImport: (zip, reason) => `无法导入 ${zip}：${reason}。没有做任何改动。`,
  movedPrevious: (dir) => `已把你之前的文件移到 ${dir}/。`,
  leftOutGiven: (files, given) => `跳过了 ${files}：它们由课程提供，从 ${given}/ 读取。`,
  imported: (n, dir, lab) => `已把 ${n} 个文件导入 ${dir}/。评分：\`npx journey grade ${lab}\`。`,
  movedFiles: (dir) => `已把你的文件移到 ${dir}/（没有删除任何东西，需要什么再复制回来）。`,
  startedAfresh: (lab, files, dir) => `已重新开始 ${lab}：从初始代码复制 ${files} 到 ${dir}/。`,
  stagesPassed: (passed, total) => `${total} 个阶段中通过 ${passed} 个`,
  everyStagePasses: '所有阶段都通过了，干得好！',
  watching: (dir) => `正在监视 ${dir}/ —— 保存文件即重新评分，按 Ctrl+C 停止。`,
  hintHeading: (points, runsIn) => `（${points} 分，运行环境：${runsIn}）`,
  hintN: (n, total) => `提示 ${n}/${total}：`,
  noHintsYet: (command) => `还没有看过提示：\`${command}\` 显示第一条。`,
  stillStuck: (command, next, total, earlier) => `还是卡住了？\`${command}\` 显示第 ${next} 条提示（共 ${total} 条）。${earlier ? `之前的提示：\`${command} --seen\`。` : ''}`,
  everyHint: '这个阶段的提示已经全部给出。剩下的请看本章正文和失败测试的信息。',
  nameALab: (ids) => `请指定一个实验。可选的实验：${ids}。`,
  labLeftOut: (id, ids) => `实验 "${id}" 不在本课程中：course.json 的 "chapters" 没有包含它所在的章节。可选的实验：${ids}。`,
  unknownLab: (id, ids) => `没有名为 "${id}" 的实验。可选的实验：${ids}。`,
  unknownStage: (lab, stage, ids) => `实验 "${lab}" 没有名为 "${stage}" 的阶段。可选的阶段：${ids}。`,
  nameAZip: '请指定要导入的 zip 文件，例如 `npx journey import ~/Downloads/dns.zip`。',
  noSuchFile: (path) => `文件 ${path} 不存在。`,
};

const CATALOGUES: Record<Locale, Messages> = { en, 'zh-cn': zhCn };

/** The CLI's words in `locale`. */
export function messages(locale: Locale = 'en'): Messages {
  return CATALOGUES[locale];
}

export { displayWidth, padDisplay } from '../course/display-width.ts';
