import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readWorkspaceZip, workspaceZip, WorkspaceZipError } from './workspace-zip.ts';

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
});
