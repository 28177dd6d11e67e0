/** `journey` in Chinese: the language it picks, and what it says in it (the fixture lab translates one stage of two). */
import { describe, expect, it } from 'vitest';
import { cliLocale } from '../src/cli/locale.ts';
import { displayWidth, messages } from '../src/cli/messages.ts';
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
