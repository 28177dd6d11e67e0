/**
 * What `journey help` says, one catalogue per language: each command's
 * summary and each flag's hint, keyed by command and flag name. usage.ts
 * derives its command table's keys from the English catalogue, so a command
 * or flag cannot lack its words in either language.
 */
import type { Locale } from '../course/locale.ts';
import { FAULT_IDS } from '../journey/fault-ids.ts';
import { LAYERS } from '../journey/timeline.ts';

const layers = LAYERS.join(', ');
const faults = FAULT_IDS.join(', ');

const en = {
  usage: 'Usage: journey <command> [arguments] [flags]',
  commandsHeading: 'Commands:',
  value: '<value>',
  runFrom: 'Run from the course folder with `npx journey …` (it uses the course\'s own Node).',
  langNote: 'Every command takes --lang zh-cn or --lang en; without it, journey follows the system locale (LC_ALL, LC_MESSAGES, LANG).',
  commands: {
    list: { summary: 'chapters, labs, stages and your progress', flags: {} },
    start: { summary: 'copy a lab\'s starter files into workspace/<lab>/ (never overwrites your files)', flags: {} },
    grade: {
      summary: 'run the lab\'s graders and print the scoreboard (exit 0 only at full marks)',
      flags: {
        target: 'solution | starter | workspace (default: workspace)',
        stage: 'grade only this stage (repeatable)',
        json: 'print one JSON result instead of the scoreboard',
        format: 'exercism | gradescope | prairielearn: print that grader\'s results.json instead',
        hidden: 'with --format gradescope: also grade the hidden tests in this folder (<lab>/tests/, <lab>/hidden.json), shown after the due date',
        all: 'show the failures of every stage, not only the first unfinished one',
      },
    },
    watch: { summary: 're-grade on every save and show the first failing test', flags: {} },
    hint: {
      summary: 'the next hint for a stage, one per call (default stage: your first unfinished one)',
      flags: { seen: 'show again the hints already revealed, without a new one' },
    },
    import: { summary: 'bring a lab exported from the browser into workspace/<lab>/ (your files there are backed up first)', flags: {} },
    reset: { summary: 'start a lab over from its starter, keeping a backup of your files', flags: {} },
    doctor: {
      summary: 'check what this machine has for the course (Node, Chromium, tshark, PostgreSQL, a sandbox, a free port)',
      flags: { platform: 'debian | fedora | macos | windows: whose install commands to print (default: this machine\'s)' },
    },
    new: {
      summary: 'for course authors: scaffold a chapter and a lab that pass every lab check (see labs/README.md)',
      flags: { title: 'the lab\'s and chapter\'s title (default: from the id)' },
    },
    class: {
      summary:
        'for teachers: `class grade <submissions>` grades each student\'s labs in a sandbox into a gradebook CSV; `class collect <artifacts>` gathers students\' own CI results into one (marked "student CI": feedback, not trusted); `class check-hidden <dir>` checks hidden tests; `class report <gradebook.csv>` writes an HTML report',
      flags: {
        labs: 'the labs to grade (or collect), e.g. dns,tcp',
        hidden: 'a folder of hidden tests: <lab>/tests/*.test.ts and <lab>/hidden.json (stage, points, message per file)',
        out: 'grade: the gradebook CSV (default: gradebook.csv; its log beside it); report: the HTML file (default: beside the CSV)',
        jobs: 'submissions graded at once (default: the number of cores)',
        feedback: 'also write what each learner may see to <dir>/<student>/<lab>.json (hidden tests by message only)',
        due: 'the due date: the late column says whether the last commit (or zip) came after it',
        'lab-seconds': 'wall time for one lab of one submission (default: 90)',
        'test-seconds': 'time for one test, or one stage to load, before it counts as hung (default: the course\'s 10)',
        unsafe: 'grade without a sandbox when none works here (never for work you do not trust)',
      },
    },
    ci: {
      summary: 'for teachers: init writes the CI file a student\'s fork grades itself with (GitHub: a Classroom grader step per stage); summary is its scoreboard step',
      flags: {
        labs: 'comma-separated lab ids (default: every lab)',
        platform: 'init: github | gitlab (default: github)',
        out: 'init: where to write it (default: .github/workflows/grade.yml, or .gitlab-ci.yml)',
        force: 'init: replace an existing workflow file that differs',
        'out-dir': 'summary: where to write each lab\'s JSON result (default: journey-results)',
        junit: 'summary: also write every test\'s result as JUnit XML to this file',
      },
    },
    trip: {
      summary:
        'chapter 11: carry one order from the phone to the inventory and back in the simulator, with your pieces where their labs\' pure stages pass; prints the timeline and phase latencies, writes the capture and its TLS key log',
      flags: {
        seed: 'the simulation\'s seed (default: the chapter\'s, whose Wi-Fi loses the SYN)',
        yours: 'labs to take from your workspace without grading them first, e.g. tcp,dns',
        reference: 'every piece from the reference; grades nothing',
        out: 'folder for trip.pcap and keylog.txt (default: workspace/.journey/trip)',
        layer: `show only these layers' steps: ${layers}`,
        fault: `inject faults: ${faults}`,
        grade: 'the chapter\'s grading stage: every piece from your workspace; passes when the order comes back',
      },
    },
    help: { summary: 'this list', flags: {} },
  },
};

/** `journey help`'s words: the keys of the English catalogue. */
export type UsageWords = typeof en;

const zhCn: UsageWords = {
  usage: '用法：journey <命令> [参数] [选项]',
  commandsHeading: '命令：',
  value: '<值>',
  runFrom: '在课程目录中用 `npx journey …` 运行（它使用课程自带的 Node）。',
  langNote: '每个命令都接受 --lang zh-cn 或 --lang en；不加时，journey 跟随系统区域设置（LC_ALL、LC_MESSAGES、LANG）。',
  commands: {
    list: { summary: '章节、实验、阶段和你的进度', flags: {} },
    start: { summary: '把实验的初始代码复制到 workspace/<lab>/（从不覆盖你的文件）', flags: {} },
    grade: {
      summary: '运行实验的评分器并打印计分板（只有满分时退出码才为 0）',
      flags: {
        target: 'solution | starter | workspace（默认：workspace）',
        stage: '只为这个阶段评分（可重复）',
        json: '打印一个 JSON 结果，而不是计分板',
        format: 'exercism | gradescope | prairielearn：改为打印该评分平台的 results.json',
        hidden: '与 --format gradescope 同用：同时运行此目录中的隐藏测试（<lab>/tests/、<lab>/hidden.json），截止日期后才显示',
        all: '显示每个阶段的失败，而不只是第一个未完成的阶段',
      },
    },
    watch: { summary: '每次保存后重新评分，并显示第一个失败的测试', flags: {} },
    hint: {
      summary: '某个阶段的下一条提示，每次调用显示一条（默认阶段：你第一个未完成的阶段）',
      flags: { seen: '再次显示已经看过的提示，不揭示新的' },
    },
    import: { summary: '把从浏览器导出的实验导入 workspace/<lab>/（会先备份那里已有的文件）', flags: {} },
    reset: { summary: '从初始代码重新开始一个实验，并备份你的文件', flags: {} },
    doctor: {
      summary: '检查本机是否具备课程所需的工具（Node、Chromium、tshark、PostgreSQL、沙箱、空闲端口）',
      flags: { platform: 'debian | fedora | macos | windows：打印哪个平台的安装命令（默认：本机）' },
    },
    new: {
      summary: '供课程作者使用：生成能通过所有实验检查的一章和一个实验的骨架（见 labs/README.md）',
      flags: { title: '实验和章节的标题（默认：由 id 生成）' },
    },
    class: {
      summary:
        '供教师使用：`class grade <submissions>` 在沙箱中为每个学生的实验评分，写入成绩册 CSV；`class collect <artifacts>` 把学生自己 CI 的结果汇总成一份（标为“student CI”：仅供反馈，不可信）；`class check-hidden <dir>` 检查隐藏测试；`class report <gradebook.csv>` 生成 HTML 报告',
      flags: {
        labs: '要评分（或汇总）的实验，例如 dns,tcp',
        hidden: '隐藏测试的目录：<lab>/tests/*.test.ts 和 <lab>/hidden.json（每个文件的阶段、分值和信息）',
        out: 'grade：成绩册 CSV（默认：gradebook.csv，日志在它旁边）；report：HTML 文件（默认：在 CSV 旁边）',
        jobs: '同时评分的提交数（默认：CPU 核数）',
        feedback: '同时把每个学习者可以看到的内容写到 <dir>/<student>/<lab>.json（隐藏测试只给出信息）',
        due: '截止时间：late 一列说明最后一次提交（或 zip）是否晚于它',
        'lab-seconds': '一份提交中一个实验的墙钟时间上限（默认：90）',
        'test-seconds': '一个测试（或一个阶段的加载）在算作挂起之前的时间（默认：课程的 10）',
        unsafe: '本机没有可用的沙箱时不加隔离地评分（不可信的代码绝不要这样做）',
      },
    },
    ci: {
      summary: '供教师使用：init 写出学生 fork 用来给自己评分的 CI 文件（GitHub：每个阶段一个 Classroom 评分步骤）；summary 是其中的计分板步骤',
      flags: {
        labs: '以逗号分隔的实验 id（默认：所有实验）',
        platform: 'init：github | gitlab（默认：github）',
        out: 'init：写到哪里（默认：.github/workflows/grade.yml 或 .gitlab-ci.yml）',
        force: 'init：替换已有且内容不同的工作流文件',
        'out-dir': 'summary：每个实验的 JSON 结果写到哪里（默认：journey-results）',
        junit: 'summary：同时把每个测试的结果以 JUnit XML 写入此文件',
      },
    },
    trip: {
      summary:
        '第 11 章：在模拟器中把一笔订单从手机送到库存服务再送回来，实验的纯阶段都通过时就用你的组件；打印时间线和各阶段延迟，写出抓包文件及其 TLS 密钥日志',
      flags: {
        seed: '模拟的随机种子（默认：本章的种子，它的 Wi-Fi 会丢掉 SYN）',
        yours: '不先评分、直接取自工作区的实验，例如 tcp,dns',
        reference: '所有组件都用参考实现；不评分',
        out: 'trip.pcap 和 keylog.txt 所在的目录（默认：workspace/.journey/trip）',
        layer: `只显示这些层的步骤：${layers}`,
        fault: `注入故障：${faults}`,
        grade: '本章的评分阶段：所有组件都取自你的工作区；订单送回来即通过',
      },
    },
    help: { summary: '本列表', flags: {} },
  },
};

/** `journey help` in each language. */
export const USAGE_WORDS: Record<Locale, UsageWords> = { en, 'zh-cn': zhCn };
