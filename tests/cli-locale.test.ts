/** `journey` in Chinese: the language it picks, and what it says in it (the fixture lab translates one stage of two). */
import { readFileSync, writeFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summaryMarkdown } from '../src/ci/summary.ts';
import { renderChecks, runChecks, type Probe } from '../src/cli/doctor.ts';
import { DOCTOR_WORDS } from '../src/cli/doctor-words.ts';
import { cliLocale } from '../src/cli/locale.ts';
import { displayWidth, messages } from '../src/cli/messages.ts';
import { TEACHER_WORDS } from '../src/cli/teacher-words.ts';
import { COMMANDS } from '../src/cli/usage.ts';
import { USAGE_WORDS } from '../src/cli/usage-words.ts';
import { renderScoreboard } from '../src/cli/scoreboard.ts';
import type { GradeResult } from '../src/runners/result.ts';
import { fixtureLabs as labs, journeyHere, tempWorkspace } from './support/cli.ts';

describe('the language journey speaks', () => {
  it('follows LC_ALL, then LC_MESSAGES, then LANG, and speaks English when none names Chinese', () => {
    expect(cliLocale(['list'], { LANG: 'zh_CN.UTF-8' }).locale).toBe('zh-cn');
    expect(cliLocale(['list'], { LANG: 'zh_TW.UTF-8' }).locale).toBe('zh-cn');
    expect(cliLocale(['list'], { LC_ALL: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' }).locale).toBe('en');
    expect(cliLocale(['list'], { LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }).locale).toBe('zh-cn');
    expect(cliLocale(['list'], { LC_ALL: '', LANG: 'zh_CN.UTF-8' }).locale).toBe('zh-cn');
    expect(cliLocale(['list'], { LANG: 'fr_FR.UTF-8' }).locale).toBe('en');
    expect(cliLocale(['list'], {}).locale).toBe('en');
  });

  it('takes --lang anywhere on the line over the system locale, and leaves it out of the arguments', () => {
    expect(cliLocale(['hint', '--lang', 'en', 'adder'], { LANG: 'zh_CN.UTF-8' })).toEqual({ locale: 'en', args: ['hint', 'adder'] });
    expect(cliLocale(['--lang=zh-CN', 'list'], { LANG: 'C' })).toEqual({ locale: 'zh-cn', args: ['list'] });
  });

  it('is documented in the help', async () => {
    const run = await journeyHere(['help'], { workspace: tempWorkspace(), labs });
    expect(run.stdout).toContain('Every command takes --lang zh-cn or --lang en');
  });

  it('refuses a --lang it does not speak, naming the ones it does', async () => {
    const run = await journeyHere(['list', '--lang', 'fr'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--lang must be one of en, zh-cn; got "fr"');
  });
});

describe('journey in Chinese', () => {
  it('gives a stage\'s title, summary and hints from the manifest\'s zh-cn words', async () => {
    const run = await journeyHere(['hint', 'adder', 'small'], { workspace: tempWorkspace(), labs, more: { LANG: 'zh_CN.UTF-8' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('adder › small: 小整数');
    expect(run.stdout).toContain('把两个小整数相加。');
    expect(run.stdout).toContain('提示 1/1：用 +。');
    expect(run.stdout).toContain('这个阶段的提示已经全部给出。');
  });

  it('falls back to English, stage by stage, where the manifest has no Chinese', async () => {
    const run = await journeyHere(['list', '--lang', 'zh-cn'], { workspace: tempWorkspace(), labs });
    expect(run.stdout).toMatch(/small +小整数 +4 分/);
    expect(run.stdout).toMatch(/wrap +32-bit wrap +6 分/);
    expect(run.stdout).toContain('未开始');
  });

  it('and in English when asked, whatever the system locale', async () => {
    const run = await journeyHere(['hint', 'adder', 'small', '--lang', 'en'], { workspace: tempWorkspace(), labs, more: { LANG: 'zh_CN.UTF-8' } });
    expect(run.stdout).toContain('adder › small: Small numbers');
    expect(run.stdout).toContain('Hint 1 of 1.');
  });

  it('prints the scoreboard in Chinese with its columns aligned for double-width characters, failure messages untouched', () => {
    const result: GradeResult = {
      status: 'fail', lab: 'x', target: 'starter', runner: 'node', scoring: 'all-or-nothing', score: 4, max: 10, durationMs: 1200,
      stages: [
        { id: 'small', title: '小整数', runsIn: 'pure', points: 4, earned: 4, status: 'passed', tests: [{ name: 'adds', status: 'passed', durationMs: 1 }] },
        { id: 'wrap', title: '32-bit wrap', runsIn: 'pure', points: 6, earned: 0, status: 'failed', tests: [{ name: 'wraps', status: 'failed', message: 'expected 0, got 4294967296', durationMs: 1 }] },
      ],
    };
    const board = renderScoreboard(result, '加法器', 'starter', false, messages('zh-cn'));
    expect(board).toContain('— starter，node 评分器，1.2 秒');
    expect(board).toContain('得分 4/10');
    expect(board).toContain('wrap 未通过（你第一个未完成的阶段）：');
    expect(board).toContain('expected 0, got 4294967296');
    const rows = board.split('\n').filter((line) => /^ {2}\S \s*\d /.test(line));
    expect(rows).toHaveLength(2);
    // The points column starts at the same terminal column on every row.
    const pointsColumn = rows.map((row) => displayWidth(row.slice(0, row.search(/\d+\/\d+ /))));
    expect(new Set(pointsColumn).size).toBe(1);
  });
});

describe('the other commands in Chinese', () => {
  it('gives the help in Chinese: every command\'s summary and every flag\'s hint, command and flag names unchanged', async () => {
    const run = await journeyHere(['help', '--lang', 'zh-cn'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('用法：journey <命令> [参数] [选项]');
    const words = USAGE_WORDS['zh-cn'].commands;
    for (const command of COMMANDS) {
      expect(run.stdout).toContain(`${command.name} ${command.args}`.trim());
      expect(run.stdout).toContain(words[command.name].summary);
      for (const [flag, hint] of Object.entries(words[command.name].flags)) expect(run.stdout).toContain(`--${flag}${command.flags[flag]!.type === 'string' ? ' <值>' : ''}  ${hint}`);
    }
    expect(run.stdout).toContain('每个命令都接受 --lang zh-cn 或 --lang en');
    expect(run.stdout).not.toContain('for teachers');
  });

  it('runs the doctor in Chinese, tool names and install commands unchanged, the names column aligned', async () => {
    const nothing: Probe = {
      host: { env: {}, platform: 'linux', exists: () => false, list: () => [] },
      platform: 'debian',
      nodeVersion: '20.19.0',
      portFree: async () => false,
      stagesNeeding: (tool) => (tool === 'tshark' ? ['layers › tshark'] : []),
    };
    const words = DOCTOR_WORDS['zh-cn'];
    const report = renderChecks(await runChecks(nothing, words), 'debian', words);
    expect(report).toContain('—— 本机能运行什么（安装命令适用于 Debian/Ubuntu）');
    expect(report).toMatch(/✗ Node +20\.19\.0 太旧（课程需要 22\.12 或更新的版本）/);
    expect(report).toContain('用途：用 Wireshark 解码你的帧（分层实验的最后一个阶段）和模拟器的 pcap 文件；阶段：layers › tshark');
    expect(report).toContain('解决：sudo apt-get install tshark');
    expect(report).toContain('缺少 6 项。');
    expect(report).not.toMatch(/missing|for: |fix: /);
    const rows = report.split('\n').filter((line) => line.startsWith('  ✗ '));
    // Each detail starts at the same terminal column, "端口 4321" (double-width) as "Chrome/Chromium".
    expect(rows.map((row) => row.slice(4, row.indexOf('  ', 4)))).toContain('端口 4321');
    expect(new Set(rows.map((row) => displayWidth(/^ {2}✗ .+? {2,}/.exec(row)![0])))).toHaveProperty('size', 1);
  });

  it('says the trip\'s, the class\'s, ci\'s and new\'s usage errors in Chinese', async () => {
    const zh = (args: string[]) => journeyHere([...args, '--lang', 'zh-cn'], { workspace: tempWorkspace(), labs });
    expect((await zh(['trip', '--fault', 'nope'])).stderr).toContain('--fault：未知的 "nope"。可用的有：lost-dns-reply');
    expect((await zh(['class', 'nope'])).stderr).toContain('"journey class" 不认识 "nope"');
    expect((await zh(['class', 'grade'])).stderr).toContain('请指定目录，内容为提交');
    expect((await zh(['ci', 'nope'])).stderr).toContain('未知的 ci 动作 "nope"');
    expect((await zh(['new'])).stderr).toContain('请给新实验起名');
  });

  it('says the learner\'s own usage errors in Chinese: no lab, an unknown lab or stage, no zip, a missing zip', async () => {
    const zh = (args: string[]) => journeyHere([...args, '--lang', 'zh-cn'], { workspace: tempWorkspace(), labs });
    const noLab = await zh(['start']);
    expect(noLab.code).toBe(2);
    expect(noLab.stderr).toContain('请指定一个实验。可选的实验：');
    expect((await zh(['grade', 'nope'])).stderr).toContain('没有名为 "nope" 的实验。');
    expect((await zh(['hint', 'adder', 'nope'])).stderr).toContain('实验 "adder" 没有名为 "nope" 的阶段。');
    expect((await zh(['import'])).stderr).toContain('请指定要导入的 zip 文件');
    expect((await zh(['import', '/nowhere/dns.zip'])).stderr).toContain('文件 /nowhere/dns.zip 不存在。');
    expect((await journeyHere(['grade', 'nope'], { workspace: tempWorkspace(), labs })).stderr).toContain('unknown lab "nope". Labs: ');
  });

  it('writes the CI file and says so in Chinese, the file itself unchanged', async () => {
    const out = join(tempWorkspace(), 'grade.yml');
    const run = await journeyHere(['ci', 'init', '--out', out, '--lang', 'zh-cn'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^已写入 .*grade\.yml：为 adder, hostile 生成 \d+ 个评分步骤。\n提交它；/);
    const english = join(tempWorkspace(), 'grade.yml');
    await journeyHere(['ci', 'init', '--out', english], { workspace: tempWorkspace(), labs });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(english, 'utf8'));
  });

  it('names the labs in the CI job summary by their Chinese titles', async () => {
    // The course's own DNS lab, not started in an empty workspace: nothing is graded.
    const run = await journeyHere(['ci', 'summary', '--out-dir', join(tempWorkspace(), 'results'), '--labs', 'dns', '--lang', 'zh-cn'], { workspace: tempWorkspace() });
    expect(run.stdout).toContain('| DNS：编解码器、解析器与权威服务器 | 未开始 | 运行 `npx journey start dns`');
  });

  it('gives the CI job summary in Chinese, test names and messages as they are', () => {
    const result: GradeResult = {
      status: 'fail', lab: 'adder', target: 'workspace', runner: 'node', scoring: 'all-or-nothing', score: 4, max: 10, durationMs: 1,
      stages: [{ id: 'wrap', title: 'wrap', runsIn: 'pure', points: 6, earned: 0, status: 'failed', tests: [{ name: 'wraps', status: 'failed', message: 'expected 0', durationMs: 1 }] }],
    };
    const markdown = summaryMarkdown([{ lab: 'adder', title: '加法器', result }, { lab: 'dns', title: 'DNS', notStarted: true }], TEACHER_WORDS['zh-cn']);
    expect(markdown).toContain('## Packet Journey：你的成绩');
    expect(markdown).toContain('| DNS | 未开始 | 运行 `npx journey start dns`，提交 `workspace/dns/` |');
    expect(markdown).toContain('**总分：4/10**');
    expect(markdown).toContain('- **adder › wrap**: wraps: expected 0');
  });

  it('refuses a zip it cannot import in Chinese, touching nothing', async () => {
    const workspace = tempWorkspace();
    const zip = join(workspace, 'adder.zip');
    writeFileSync(zip, zipSync({ 'nope/a.ts': strToU8('x') }));
    const run = await journeyHere(['import', zip, '--lang', 'zh-cn'], { workspace, labs });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`无法导入 ${zip}："nope" 不是本课程的实验（实验有：adder, hostile）。没有做任何改动。`);
  });
});
