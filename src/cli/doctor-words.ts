/**
 * What `journey doctor` says, one catalogue per language. Tool names, paths
 * and install commands stay as they are (they are typed into a terminal).
 */
import type { Locale } from '../course/locale.ts';
import type { ToolId } from '../tooling/host-tools.ts';

const en = {
  heading: (platform: string) => `— what this machine can run (install commands for ${platform})`,
  nodeTooOld: (version: string, min: string) => `${version} is too old (the course needs ${min} or newer)`,
  nodeFix: 'run the course through `npx journey …` and `npm …` after `npm ci`: it installs its own Node 24',
  /** What in the course uses each tool (host-tools.ts's `usedFor`, in this language). */
  usedFor: {
    chromium: "the browser tests of `npm test` and the WebSocket lab's last stage (never downloaded: the course uses the one installed)",
    tshark: "Wireshark decodes your frames (the Layers lab's last stage) and the simulator's pcap files",
    postgresql: 'the CAS inventory lab runs on a real SQL database (initdb and pg_ctl, or a server in DATABASE_URL)',
    sandbox: "teachers' batch grading (`journey class grade`) runs each submission in a bubblewrap sandbox (Linux)",
  } satisfies Record<ToolId, string>,
  withStages: (usedFor: string, stages: string) => `${usedFor}; stages: ${stages}`,
  chromiumAlternative: ', or set CHROMIUM_PATH to a Chrome executable',
  postgresAlternative: ', or set DATABASE_URL to a server you may use',
  fromDatabaseUrl: 'a server, from DATABASE_URL',
  notFound: 'not found',
  port: (port: number) => `Port ${port}`,
  portFree: 'free for `npm start` and `npm run preview`',
  portBusy: 'in use by another program',
  portUsedFor: 'the course site while you work',
  portFix: (port: number) => `stop what listens on ${port} (an earlier \`npm start\`?), or let \`npm start\` take the next free port it offers`,
  forLabel: 'for: ',
  fixLabel: 'fix: ',
  allHere: 'Everything the course uses is here.',
  missing: (n: number) =>
    `${n} missing. \`npm test\` skips the checks that need a missing tool (and says so); a lab stage that needs one fails until it is installed.`,
  otherPlatform: 'Commands for another platform: `npx journey doctor --platform debian|fedora|macos|windows`.',
};

/** `journey doctor`'s words: the keys of the English catalogue. */
export type DoctorWords = typeof en;

const zhCn: DoctorWords = {
  heading: (platform) => `—— 本机能运行什么（安装命令适用于 ${platform}）`,
  nodeTooOld: (version, min) => `${version} 太旧（课程需要 ${min} 或更新的版本）`,
  nodeFix: '先运行 `npm ci`，再通过 `npx journey …` 和 `npm …` 使用课程：它会安装自带的 Node 24',
  usedFor: {
    chromium: '`npm test` 的浏览器测试和 WebSocket 实验的最后一个阶段（从不下载：课程使用本机已安装的浏览器）',
    tshark: '用 Wireshark 解码你的帧（分层实验的最后一个阶段）和模拟器的 pcap 文件',
    postgresql: 'CAS 库存实验运行在真正的 SQL 数据库上（initdb 和 pg_ctl，或 DATABASE_URL 指向的服务器）',
    sandbox: '教师的批量评分（`journey class grade`）在 bubblewrap 沙箱中运行每份提交（Linux）',
  },
  withStages: (usedFor, stages) => `${usedFor}；阶段：${stages}`,
  chromiumAlternative: '，或把 CHROMIUM_PATH 设为 Chrome 可执行文件的路径',
  postgresAlternative: '，或把 DATABASE_URL 设为你可以使用的服务器',
  fromDatabaseUrl: '来自 DATABASE_URL 的服务器',
  notFound: '未找到',
  port: (port) => `端口 ${port}`,
  portFree: '空闲，可供 `npm start` 和 `npm run preview` 使用',
  portBusy: '已被其他程序占用',
  portUsedFor: '你学习时打开的课程网站',
  portFix: (port) => `停掉监听 ${port} 的程序（之前运行的 \`npm start\`？），或让 \`npm start\` 使用它提议的下一个空闲端口`,
  forLabel: '用途：',
  fixLabel: '解决：',
  allHere: '课程用到的一切本机都有。',
  missing: (n) => `缺少 ${n} 项。\`npm test\` 会跳过需要缺失工具的检查（并说明）；需要它的实验阶段在安装之前都会失败。`,
  otherPlatform: '其他平台的安装命令：`npx journey doctor --platform debian|fedora|macos|windows`。',
};

/** `journey doctor` in each language. */
export const DOCTOR_WORDS: Record<Locale, DoctorWords> = { en, 'zh-cn': zhCn };
