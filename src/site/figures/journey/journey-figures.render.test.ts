// The journey chapter's own figure words (not the trip's event log, which the simulation writes in English) on a Chinese page.
import { describe, expect, it } from 'vitest';
import { readerText, renderFigure } from '../../../../tests/support/render-figure.ts';
import JourneySteps from './JourneySteps.astro';
import PhaseLatency from './PhaseLatency.astro';

describe('the journey figures on a Chinese page', () => {
  it('name the network map and caption the phase bars in Chinese', async () => {
    const steps = readerText(await renderFigure(JourneySteps, 'zh-cn'));
    for (const words of ['订单从手机到库存服务再返回的旅程', '旅程经过的网络', '持有 VIP 的 director']) expect(steps).toContain(words);
    for (const english of ["The order's trip", "The trip's network", 'the director holding']) expect(steps).not.toContain(english);
    const phases = readerText(await renderFigure(PhaseLatency, 'zh-cn'));
    expect(phases).toContain('各阶段的模拟时间');
    expect(phases).not.toContain('Simulated time per phase');
  }, 60_000);

  it('keep their English on an English page', async () => {
    expect(readerText(await renderFigure(PhaseLatency, 'en'))).toContain('Simulated time per phase');
  }, 60_000);
});
