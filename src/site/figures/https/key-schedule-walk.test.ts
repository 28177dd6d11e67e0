import { describe, expect, it } from 'vitest';
import { toHex } from '@lab-kit';
import * as rfc8448 from '../../../../labs/https/tests/fixtures/rfc8448.ts';
import { checkSteps } from '../../components/step-through.ts';
import { abbreviate, keyScheduleWalk, VIEW_BOX } from './key-schedule-walk.ts';
import { expectSameSteps } from '../../../../tests/support/translated-steps.ts';

describe('the key schedule figure', () => {
  it("shows RFC 8448's published secrets, computed by the lab's solution", async () => {
    const { boxes } = await keyScheduleWalk();
    const value = (id: string) => boxes.find((b) => b.id === id)!.value;
    expect(value('early')).toBe(toHex(rfc8448.EARLY_SECRET));
    expect(value('ecdhe')).toBe(toHex(rfc8448.SHARED_SECRET));
    expect(value('derived-hs')).toBe(toHex(rfc8448.DERIVED_FOR_HANDSHAKE));
    expect(value('handshake')).toBe(toHex(rfc8448.HANDSHAKE_SECRET));
    expect(value('c-hs')).toBe(toHex(rfc8448.CLIENT_HS_TRAFFIC));
    expect(value('s-hs')).toBe(toHex(rfc8448.SERVER_HS_TRAFFIC));
    expect(value('s-hs-keys')).toBe(toHex(new Uint8Array([...rfc8448.SERVER_HS_KEYS.key, ...rfc8448.SERVER_HS_KEYS.iv])));
    expect(value('derived-ms')).toBe(toHex(rfc8448.DERIVED_FOR_MASTER));
    expect(value('master')).toBe(toHex(rfc8448.MASTER_SECRET));
    expect(value('c-ap')).toBe(toHex(rfc8448.CLIENT_AP_TRAFFIC));
  });

  it('fits every box in the view box and lights only parts that exist', async () => {
    const { boxes, steps, parts } = await keyScheduleWalk();
    for (const b of boxes) expect(b.x + b.width <= VIEW_BOX.width && b.y + b.height <= VIEW_BOX.height, b.id).toBe(true);
    expect(() => checkSteps(steps, parts)).not.toThrow();
  });

  it('walks the same steps in Chinese, quoting the same values and labels', async () => {
    const english = (await keyScheduleWalk()).steps;
    const chinese = (await keyScheduleWalk('zh-cn')).steps;
    expectSameSteps(english, chinese, { quoted: /`[^`]+`|"[^"]*"/g });
  });

  it('abbreviates long values to their first bytes', () => {
    expect(abbreviate('01 02 03', 2)).toBe('01 02 …');
    expect(abbreviate('01 02', 2)).toBe('01 02');
  });
});
