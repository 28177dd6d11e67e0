// The incident as the simulation tells it: the 60 s heartbeat loses to the proxy every time, the 50 s one never does.
import { describe, expect, it } from 'vitest';
import { heartbeatIncident, incidentSteps, INCIDENT, type LaneEvent } from './heartbeat-incident.ts';
import { heartbeatLayout, layoutParts } from './heartbeat-layout.ts';

const incident = heartbeatIncident();
const kinds = (events: LaneEvent[], kind: LaneEvent['kind']) => events.filter((e) => e.kind === kind);

describe('the heartbeat incident', () => {
  it('cuts the 60 s connection at 60 s, before its first Ping crosses the proxy, and again after each reconnect', () => {
    expect(kinds(incident.at60.events, 'cut').map((e) => e.atMs)).toEqual([60_000, 121_000]);
    expect(kinds(incident.at60.events, 'ping')).toEqual([]);
  });

  it('keeps the 50 s connection for the whole run, with a Ping answered every 50 s', () => {
    expect(kinds(incident.at50.events, 'cut')).toEqual([]);
    expect(kinds(incident.at50.events, 'ping').map((e) => e.atMs)).toEqual([50_020, 100_020, 150_020]);
    expect(kinds(incident.at50.events, 'pong').length).toBe(3);
  });

  it('makes the whole fleet reconnect within a few seconds after every cut', () => {
    const total = (from: number, to: number) => incident.at60.handshakesPerSecond.slice(from, to).reduce((a, b) => a + b, 0);
    expect(total(61, 67)).toBe(INCIDENT.fleet);
    expect(total(7, 61)).toBe(0);
    expect(incident.at50.handshakesPerSecond.slice(6).every((n) => n === 0)).toBe(true);
  });

  it('writes seven steps from the events', () => {
    const steps = incidentSteps(incident);
    expect(steps).toHaveLength(7);
    expect(steps[2]!.title).toBe('60 s: the proxy cuts the 60 s connection');
  });

  it('writes the same steps in Chinese from the same events', () => {
    const english = incidentSteps(incident);
    const chinese = incidentSteps(incident, 'zh-cn');
    expect(chinese.map((s) => s.active)).toEqual(english.map((s) => s.active));
    expect(chinese[2]!.title).toBe('60 秒：代理切断了 60 秒那条连接');
    expect(chinese[6]!.text).toContain(`被切断 ${incident.at60.events.filter((e) => e.kind === 'cut').length} 次`);
  });
});

describe('the figure’s layout', () => {
  it('draws every part a step lights', () => {
    const parts = new Set(layoutParts(heartbeatLayout(incident)));
    for (const step of incidentSteps(incident)) for (const id of step.active) expect(parts.has(id), id).toBe(true);
  });
});
