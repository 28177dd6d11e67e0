import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readWorkspaceZip, workspaceZip, WorkspaceZipError } from './workspace-zip.ts';
import { ZIP_WORDS } from './workspace-zip-words.ts';

const labs = [{ id: 'dns', files: ['header.ts', 'name.ts'], given: ['bytes.ts'] }];

describe('workspace zips carry the learner files only', () => {
  it('round-trips the learner files', () => {
    const zip = workspaceZip('dns', { 'header.ts': 'h', 'name.ts': 'n' });
    expect(readWorkspaceZip(zip, labs)).toEqual({ lab: 'dns', files: { 'header.ts': 'h', 'name.ts': 'n' }, skipped: [] });
  });

  it('leaves out a given file that an older export carried, and says so', () => {
    const zip = zipSync({ 'dns/header.ts': strToU8('h'), 'dns/bytes.ts': strToU8('old copy') });
    expect(readWorkspaceZip(zip, labs)).toEqual({ lab: 'dns', files: { 'header.ts': 'h' }, skipped: ['bytes.ts'] });
  });

  it('rejects a zip of given files alone', () => {
    const zip = zipSync({ 'dns/bytes.ts': strToU8('old copy') });
    expect(() => readWorkspaceZip(zip, labs)).toThrow(WorkspaceZipError);
    expect(() => readWorkspaceZip(zip, labs)).toThrow(/only given files \(bytes\.ts\)/);
  });

  it('says what is wrong in Chinese when asked, file and lab names unchanged', () => {
    const zh = ZIP_WORDS['zh-cn'];
    expect(() => readWorkspaceZip(zipSync({ 'dns/bytes.ts': strToU8('x') }), labs, zh)).toThrow('zip 中只有课程提供的文件（bytes.ts），没有你的文件');
    expect(() => readWorkspaceZip(zipSync({ 'tcp/a.ts': strToU8('x') }), labs, zh)).toThrow('"tcp" 不是本课程的实验（实验有：dns）');
    expect(() => readWorkspaceZip(zipSync({ 'dns/x.ts': strToU8('x') }), labs, zh)).toThrow('dns/x.ts 不是 dns 实验的文件（header.ts, name.ts）');
    expect(() => readWorkspaceZip(strToU8('nope'), labs, zh)).toThrow(/^这不是可读取的 zip 文件/);
  });
});
