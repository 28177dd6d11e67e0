import { describe, expect, it } from 'vitest';
import { checkSteps } from '../../components/step-through.ts';
import { handshakeRungs, ladderLayout, ladderSteps } from './handshake-ladder.ts';

describe('the handshake ladder', () => {
  it('names what crossed in the recorded run with OpenSSL, and under which keys', async () => {
    const rungs = await handshakeRungs();
    const names = rungs.map((r) => r.contents.map((c) => `${c.name} [${c.protection}]`));
    expect(names[0]).toEqual(['ClientHello [none]']);
    expect(names[1]!.filter((n) => !n.startsWith('ChangeCipherSpec'))).toEqual([
      'ServerHello [none]',
      'EncryptedExtensions [handshake]',
      'Certificate [handshake]',
      'CertificateVerify [handshake]',
      'Finished [handshake]',
    ]);
    expect(names[2]).toEqual(['Finished [handshake]', 'HTTP GET /api/suggest?q=a [application]']);
    expect(names[3]).toEqual(['NewSessionTicket [application]', 'NewSessionTicket [application]', 'HTTP response 200 [application]', 'Alert close_notify [application]']);
  });

  it('has one step per rung, each lighting its rung', async () => {
    const rungs = await handshakeRungs();
    const steps = ladderSteps(rungs);
    expect(steps).toHaveLength(rungs.length);
    expect(() => checkSteps(steps, rungs.map((r) => r.id))).not.toThrow();
  });

  it('walks the same rungs in Chinese, quoting the same sizes and message names', async () => {
    const rungs = await handshakeRungs();
    const english = ladderSteps(rungs);
    const chinese = ladderSteps(rungs, 'zh-cn');
    expect(chinese.map((s) => s.active)).toEqual(english.map((s) => s.active));
    chinese.forEach((step, i) => {
      expect(step.text).toContain(`${rungs[i]!.bytes} 字节`);
      for (const c of rungs[i]!.contents) if (i > 0) expect(step.text).toContain(c.name);
    });
  });

  it('stacks each rung below the one before', async () => {
    const { rows, height } = ladderLayout(await handshakeRungs());
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.labelY[0]!).toBeGreaterThan(rows[i - 1]!.arrow.to.y);
    expect(height).toBeGreaterThan(rows.at(-1)!.arrow.to.y);
  });
});
