/**
 * What the teachers' and authors' commands say (`journey class`, `journey
 * ci`, `journey new`), one catalogue per language. What they write to files
 * (the gradebook CSV and its log lines, the CI workflow, the scaffold) is
 * data read by programs and stays English; so do test names and messages.
 */
import type { Locale } from '../course/locale.ts';

const en = {
  // journey class
  nameLabs: (labs: string) => `name the labs to grade with --labs, e.g. --labs dns,tcp. Labs: ${labs}.`,
  wholeNumber: (flag: string, from: number, to: number, given: string) => `--${flag} must be a whole number from ${from} to ${to}; got "${given}".`,
  dueFlag: (given: string) => `--due must be a date and time such as 2026-12-01T23:59:00Z; got "${given}".`,
  noFolder: (dir: string) => `there is no folder ${dir}.`,
  hiddenNoFolder: (dir: string) => `--hidden: there is no folder ${dir}.`,
  nameHiddenFolder: 'name the folder of hidden tests (laid out as <lab>/tests/, with <lab>/hidden.json).',
  noHiddenTests: (dir: string, labs: string) => `${dir} holds no hidden tests for ${labs}: expected <lab>/hidden.json and <lab>/tests/.`,
  failsOnSolution: 'fails on the solution',
  and: ' and ',
  passesOnStarter: 'passes on the starter, so it checks nothing',
  nameGradebook: 'name the gradebook, e.g. `npx journey class report gradebook.csv`.',
  noFile: (file: string) => `there is no file ${file}.`,
  notGradebook: (file: string) => `${file} is not a gradebook from \`journey class grade\` (no student and score columns).`,
  wroteReport: (file: string) => `Wrote ${file}: open it in a browser.`,
  nameFolderOf: (what: string) => `name the folder of ${what}.`,
  artifactsFolder: "downloaded artifacts: one <student>/ folder (the journey-results artifact's files) or <student>.zip per student",
  submissionsFolder: 'submissions: one folder (a clone of the fork) or one <student>.zip per student',
  collecting: (students: number, labs: string, isolation: string) =>
    `Collecting ${students} students' CI results × ${labs}. Isolation: ${isolation} — each student's own fork ran tests they could read and change, so these scores are feedback, not a trusted grade: grade for the record with \`journey class grade\`.`,
  wroteCollected: (file: string, rows: number, flagged: string | undefined) => `Wrote ${file}: ${rows} rows${flagged ? `; ${flagged}` : ''}.`,
  didNotAddUp: (n: number, which: string) => `${n} did not add up: ${which}`,
  classActions: (action: string | undefined) =>
    `"journey class" does ${action ? `not know "${action}"` : 'four things'}: \`journey class grade <submissions-dir> --labs dns,tcp --out gradebook.csv [--hidden DIR]\`, \`journey class collect <artifacts-dir> --labs dns,tcp --out gradebook.csv\`, \`journey class check-hidden DIR\` and \`journey class report gradebook.csv\`.`,
  noSandbox: (why: string) => `no sandbox: ${why}. Submissions are untrusted code, so they are not graded without one.`,
  installSandbox: (command: string) => `Install bubblewrap (${command}), or pass --unsafe to grade with no isolation at all (the gradebook then says so on every row).`,
  withHidden: (labs: string) => ` with hidden tests for ${labs}`,
  noIsolation: "NONE (--unsafe: submissions ran with your user's rights)",
  gradingBatch: (submissions: number, labs: string, hidden: string, jobs: number, isolation: string) =>
    `Grading ${submissions} submissions × ${labs}${hidden}, ${jobs} at a time, isolation: ${isolation}.`,
  progress: (done: number, running: number, remaining: number) => `  ${done} done, ${running} running, ${remaining} remaining`,
  wroteGraded: (file: string, rows: number, seconds: string, flagged: string | undefined) => `Wrote ${file}: ${rows} rows in ${seconds} s${flagged ? `; ${flagged}` : ''}.`,
  toLookAt: (n: number, which: string) => `${n} to look at (tampered or error): ${which}`,
  // journey ci
  platformFlag: (platforms: string, given: string) => `--platform must be one of ${platforms}; got "${given}".`,
  upToDate: (file: string) => `${file} is already up to date.`,
  ciFileDiffers: (file: string) => `${file} exists and differs from what this course would write; it is left as it is. Run again with --force to replace it.`,
  wroteGithub: (file: string, steps: number, labs: string) => `Wrote ${file}: ${steps} graded steps for ${labs}.`,
  githubNext: 'Commit it; every push then shows "Points X/Y" on its run, a scoreboard in the job summary, and the results as an artifact.',
  wroteGitlab: (file: string, labs: string) => `Wrote ${file}: one job grading ${labs}.`,
  gitlabNext: 'Commit it; every pipeline then shows the scoreboard in the job log, each test in its Tests tab, and the results as an artifact.',
  ciActions: (action: string | undefined) => (action ? `unknown ci action "${action}". Actions: init, summary.` : 'name a ci action: init or summary.'),
  // journey ci summary's Markdown (the job summary a student reads)
  summaryTitle: '## Packet Journey: your grade',
  summaryHeader: '| Lab | Score | Stages |',
  summaryNotStarted: (lab: string) => `not started | run \`npx journey start ${lab}\`, commit \`workspace/${lab}/\``,
  summaryTotal: (score: number, max: number) => `**Total: ${score}/${max}** over the labs graded.`,
  summaryFailures: '### First failure of each unfinished stage',
  summaryLocal: "Grade locally with `npx journey grade <lab>`; every lab's full result is in this run's `journey-results` artifact.",
  // journey new
  nameNewLab: 'name the new lab, e.g. `npx journey new http-cache`.',
  created: (chapter: number, title: string) => `Created chapter ${chapter}, "${title}":`,
  checkIt: (id: string) => `Check it: \`npx journey grade ${id} --target solution\` (full marks) and \`--target starter\` (fails every stage); labs/README.md walks you through the rest.`,
};

/** The teachers' and authors' words: the keys of the English catalogue. */
export type TeacherWords = typeof en;

const zhCn: TeacherWords = {
  nameLabs: (labs) => `请用 --labs 指定要评分的实验，例如 --labs dns,tcp。实验有：${labs}。`,
  wholeNumber: (flag, from, to, given) => `--${flag} 必须是 ${from} 到 ${to} 之间的整数，收到的是 "${given}"。`,
  dueFlag: (given) => `--due 必须是日期和时间，例如 2026-12-01T23:59:00Z；收到的是 "${given}"。`,
  noFolder: (dir) => `没有目录 ${dir}。`,
  hiddenNoFolder: (dir) => `--hidden：没有目录 ${dir}。`,
  nameHiddenFolder: '请指定隐藏测试的目录（结构为 <lab>/tests/，并带有 <lab>/hidden.json）。',
  noHiddenTests: (dir, labs) => `${dir} 中没有 ${labs} 的隐藏测试：应有 <lab>/hidden.json 和 <lab>/tests/。`,
  failsOnSolution: '在参考实现上失败',
  and: '，并且',
  passesOnStarter: '在初始代码上通过，所以它什么也没检查',
  nameGradebook: '请指定成绩册，例如 `npx journey class report gradebook.csv`。',
  noFile: (file) => `没有文件 ${file}。`,
  notGradebook: (file) => `${file} 不是 \`journey class grade\` 生成的成绩册（没有 student 和 score 列）。`,
  wroteReport: (file) => `已写入 ${file}：用浏览器打开它。`,
  nameFolderOf: (what) => `请指定目录，内容为${what}。`,
  artifactsFolder: '已下载的构建产物（artifact）：每个学生一个 <student>/ 目录（journey-results 产物中的文件）或一个 <student>.zip',
  submissionsFolder: '提交：每个学生一个目录（fork 的克隆）或一个 <student>.zip',
  collecting: (students, labs, isolation) =>
    `正在汇总 ${students} 名学生的 CI 结果 × ${labs}。隔离方式：${isolation} —— 每个学生自己的 fork 运行的是他们能读也能改的测试，所以这些分数仅供反馈，不是可信的成绩：正式记录请用 \`journey class grade\` 评分。`,
  wroteCollected: (file, rows, flagged) => `已写入 ${file}：${rows} 行${flagged ? `；${flagged}` : ''}。`,
  didNotAddUp: (n, which) => `${n} 项对不上：${which}`,
  classActions: (action) =>
    `"journey class" ${action ? `不认识 "${action}"` : '有四个动作'}：\`journey class grade <submissions-dir> --labs dns,tcp --out gradebook.csv [--hidden DIR]\`、\`journey class collect <artifacts-dir> --labs dns,tcp --out gradebook.csv\`、\`journey class check-hidden DIR\` 和 \`journey class report gradebook.csv\`。`,
  noSandbox: (why) => `没有沙箱：${why}。提交的是不可信的代码，没有沙箱就不评分。`,
  installSandbox: (command) => `请安装 bubblewrap（${command}），或加 --unsafe 完全不加隔离地评分（成绩册的每一行都会注明）。`,
  withHidden: (labs) => `，含 ${labs} 的隐藏测试`,
  noIsolation: '无（--unsafe：提交以你的用户权限运行）',
  gradingBatch: (submissions, labs, hidden, jobs, isolation) => `正在评分 ${submissions} 份提交 × ${labs}${hidden}，每次 ${jobs} 个，隔离方式：${isolation}。`,
  progress: (done, running, remaining) => `  已完成 ${done}，运行中 ${running}，剩余 ${remaining}`,
  wroteGraded: (file, rows, seconds, flagged) => `已写入 ${file}：${rows} 行，用时 ${seconds} s${flagged ? `；${flagged}` : ''}。`,
  toLookAt: (n, which) => `${n} 项需要查看（被篡改或出错）：${which}`,
  platformFlag: (platforms, given) => `--platform 必须是 ${platforms} 之一；收到的是 "${given}"。`,
  upToDate: (file) => `${file} 已是最新。`,
  ciFileDiffers: (file) => `${file} 已存在，且与本课程要写的内容不同；保持原样。加 --force 再运行一次即可替换。`,
  wroteGithub: (file, steps, labs) => `已写入 ${file}：为 ${labs} 生成 ${steps} 个评分步骤。`,
  githubNext: '提交它；之后每次 push 都会在运行上显示 "Points X/Y"，在作业摘要中显示计分板，并把结果保存为构建产物。',
  wroteGitlab: (file, labs) => `已写入 ${file}：一个为 ${labs} 评分的作业。`,
  gitlabNext: '提交它；之后每条流水线都会在作业日志中显示计分板，在 Tests 标签页中列出每个测试，并把结果保存为构建产物。',
  ciActions: (action) => (action ? `未知的 ci 动作 "${action}"。可用动作：init、summary。` : '请指定 ci 动作：init 或 summary。'),
  summaryTitle: '## Packet Journey：你的成绩',
  summaryHeader: '| 实验 | 得分 | 阶段 |',
  summaryNotStarted: (lab) => `未开始 | 运行 \`npx journey start ${lab}\`，提交 \`workspace/${lab}/\``,
  summaryTotal: (score, max) => `**总分：${score}/${max}**（已评分的实验）。`,
  summaryFailures: '### 每个未完成阶段的第一个失败',
  summaryLocal: '在本地评分：`npx journey grade <lab>`；每个实验的完整结果都在本次运行的 `journey-results` 构建产物中。',
  nameNewLab: '请给新实验起名，例如 `npx journey new http-cache`。',
  created: (chapter, title) => `已创建第 ${chapter} 章“${title}”：`,
  checkIt: (id) => `检查一下：\`npx journey grade ${id} --target solution\`（应得满分）和 \`--target starter\`（每个阶段都应失败）；其余步骤见 labs/README.md。`,
};

/** The teachers' and authors' commands in each language. */
export const TEACHER_WORDS: Record<Locale, TeacherWords> = { en, 'zh-cn': zhCn };
