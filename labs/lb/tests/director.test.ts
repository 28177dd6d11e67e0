/**
 * Stage director: your DrDirector on the director of an LVS direct-routing
 * network in netsim (fixtures/dr-network.ts): the data-centre router, the director holding
 * the VIP, and three real servers with the VIP on their loopback, all on one
 * switch. Every frame on every link is checked hop by hop.
 */
import { describe, expect, it } from 'vitest';
import { Transcript, expectBytes } from '@lab-kit';
import type { TraceRecord } from '@netsim';
import { DrDirector } from '@impl/director.ts';
import { DR, describeTrace, drNetwork, type ClientSend, type DrNetwork } from './fixtures/dr-network.ts';
import { segmentFrame, viewFrame } from './fixtures/frames.ts';

const SEE = 'the chapter, "LVS direct routing"; ipvsadm(8), --gatewaying';

/** A scheduler that hands out rs1, rs2, rs3 in turn and records every flow it was asked about. */
function turns() {
  const asked: string[] = [];
  let i = 0;
  return {
    asked,
    scheduler: (key: string) => {
      asked.push(key);
      return DR.servers[i++ % DR.servers.length]!.name;
    },
  };
}

function run(title: string, sends: ClientSend[], scheduler = turns().scheduler): { n: DrNetwork; t: Transcript; sent: TraceRecord[] } {
  const t = new Transcript(title);
  const n = drNetwork(scheduler, sends);
  let sent: TraceRecord[] = [];
  try {
    sent = n.run();
  } catch (error) {
    t.fail(`the simulation threw: ${(error as Error).message}`);
  }
  for (const line of describeTrace(sent)) t.step(line);
  return { n, t, sent };
}

const ipv4 = (records: TraceRecord[]) => records.filter((r) => viewFrame(r.bytes).etherType === 0x0800);
const onLink = (records: TraceRecord[], link: string) => ipv4(records).filter((r) => r.link === link);

describe('DrDirector in the simulator', () => {
  it('sends a SYN for the VIP to a real server, which answers the shopper from the VIP through the router, not the director', () => {
    const { n, t, sent } = run('one SYN', [{ at: 5, sourcePort: 40000, payload: 'GET /search' }]);
    t.expect('IPv4 frames, link by link: sender → receiver MACs', ipv4(sent).filter((r) => r.from.device !== 'switch').map((r) => `${r.from.device}: ${viewFrame(r.bytes).sourceMac} → ${viewFrame(r.bytes).destinationMac}`), [
      `router: ${DR.router.mac} → ${DR.director.mac}`,
      `director: ${DR.director.mac} → ${DR.servers[0].mac}`,
      `rs1: ${DR.servers[0].mac} → ${DR.router.mac}`,
    ], `the director re-addresses the frame to rs1's MAC; rs1 replies through its default gateway, not through the director; ${SEE}`);
    t.expect('what the router received', n.routerReceived.map((r) => `${viewFrame(r.frame).sourceIp}:${viewFrame(r.frame).sourcePort} "${viewFrame(r.frame).payload}"`), [`${DR.vip}:80 "rs1 answers GET /search"`]);
  });

  it('changes only the Ethernet addresses: IP addresses, TTL, checksum and payload cross the director unchanged', () => {
    const { t, sent } = run('bytes through the director', [{ at: 5, sourcePort: 40000, payload: 'GET /search' }]);
    const into = onLink(sent, 'director-switch').find((r) => r.to.device === 'director');
    const out = onLink(sent, 'director-switch').find((r) => r.from.device === 'director');
    if (into === undefined || out === undefined) return t.fail('expected one frame into the director and one out of it');
    const expected = into.bytes.slice();
    expected.set(out.bytes.subarray(0, 6), 0);
    expected.set(into.bytes.subarray(0, 6), 6);
    expectBytes(out.bytes, expected, {
      what: 'the frame the director sent, against the frame it received with destination MAC → the real server\'s and source MAC → the director\'s',
      fields: [{ name: 'destination MAC', offset: 0, length: 6 }, { name: 'source MAC', offset: 6, length: 6 }, { name: 'IPv4 TTL', offset: 22, length: 1 }, { name: 'IPv4 checksum', offset: 24, length: 2 }],
      see: `${SEE}: in DR mode IPVS forwards without routing, so the TTL is not decremented`,
    });
    t.expect('its destination MAC belongs to a real server', DR.servers.map((s) => s.mac as string).includes(viewFrame(out.bytes).destinationMac), true);
  });

  it('keeps every packet of a connection on the real server its first packet got', () => {
    const sched = turns();
    const { n, t } = run('three connections, two packets each', [
      { at: 5, sourcePort: 40001, payload: 'c1 SYN' },
      { at: 6, sourcePort: 40002, payload: 'c2 SYN' },
      { at: 7, sourcePort: 40003, payload: 'c3 SYN' },
      { at: 20, sourcePort: 40001, payload: 'c1 ACK', spec: { flags: 0x10 } },
      { at: 21, sourcePort: 40003, payload: 'c3 ACK', spec: { flags: 0x10 } },
      { at: 22, sourcePort: 40002, payload: 'c2 ACK', spec: { flags: 0x10 } },
    ], sched.scheduler);
    const got = Object.fromEntries(DR.servers.map((s) => [s.name, n.serverReceived.get(s.name)!.map((r) => viewFrame(r.frame).payload)]));
    t.expect('what each real server received', got, { rs1: ['c1 SYN', 'c1 ACK'], rs2: ['c2 SYN', 'c2 ACK'], rs3: ['c3 SYN', 'c3 ACK'] }, `IPVS's connection table pins a flow to its real server; ${SEE}`);
    t.expect('flows the scheduler was asked about', sched.asked, [`6 ${DR.client.ip}:40001`, `6 ${DR.client.ip}:40002`, `6 ${DR.client.ip}:40003`], 'ask the scheduler once per new flow, with the key "protocol sourceIp:sourcePort"');
  });

  it('drops what is not for the virtual service: another port, another address, UDP, not IPv4, not sent to its MAC', () => {
    const { n, t } = run('foreign frames', [
      { at: 5, sourcePort: 40001, payload: 'port 443', spec: { destinationPort: 443 } },
      { at: 6, sourcePort: 40002, payload: 'director address', spec: { destinationIp: DR.director.ip } },
      { at: 7, sourcePort: 40003, payload: 'udp', spec: { protocol: 17 } },
      { at: 8, sourcePort: 40004, payload: 'ipv6', spec: { etherType: 0x86dd } },
      { at: 9, sourcePort: 40005, payload: 'to rs2', spec: { destinationMac: DR.servers[1].mac } },
      { at: 10, sourcePort: 40006, payload: 'real' },
    ]);
    const got = DR.servers.flatMap((s) => n.serverReceived.get(s.name)!.map((r) => `${s.name}: ${viewFrame(r.frame).payload}`));
    t.expect('what the real servers received', got, ['rs1: real', 'rs2: to rs2'], `only TCP to ${DR.vip}:80 sent to the director's MAC is the service; "to rs2" went to rs2 by its own MAC, past the director`);
  });

  it('gives a removed real server no new flows, and moves its flows on their next packet', () => {
    const sched = turns();
    const n = drNetwork(sched.scheduler, []);
    const frame = (port: number) => segmentFrame({ sourceMac: DR.router.mac, destinationMac: DR.director.mac, sourceIp: DR.client.ip, destinationIp: DR.vip, sourcePort: port, destinationPort: 80 });
    const dest = (out: Uint8Array | undefined) => (out === undefined ? 'dropped' : viewFrame(out).destinationMac);
    expect(dest(n.director.receiveFrame(frame(1)))).toBe(DR.servers[0].mac);
    expect(n.director.serverFor(`6 ${DR.client.ip}:1`)).toBe('rs1');
    expect(dest(n.director.receiveFrame(frame(9))), 'a second flow, on rs2').toBe(DR.servers[1].mac);
    n.director.removeRealServer('rs1');
    expect(n.director.serverFor(`6 ${DR.client.ip}:9`), 'rs2\'s flows stay where they are').toBe('rs2');
    expect(n.director.serverFor(`6 ${DR.client.ip}:1`), 'rs1\'s flows are forgotten').toBeUndefined();
    expect(dest(n.director.receiveFrame(frame(1))), 'the flow is scheduled again: the turn goes to rs3').toBe(DR.servers[2].mac);
    expect(dest(n.director.receiveFrame(frame(3))), 'the scheduler names rs1, which is gone: drop').toBe('dropped');
  });

  it('ignores a frame for the VIP addressed to another host\'s MAC, as a switch floods it before it learns where that MAC is', () => {
    const n = drNetwork(turns().scheduler, []);
    const flooded = segmentFrame({ sourceMac: DR.router.mac, destinationMac: DR.servers[1].mac, sourceIp: DR.client.ip, destinationIp: DR.vip, sourcePort: 40000, destinationPort: 80 });
    expect(n.director.receiveFrame(flooded), `a frame for ${DR.servers[1].mac} is not the director's to forward; ${SEE}`).toBeUndefined();
  });

  it('forwards a copy and leaves the frame it was given as it was; drops a flow when the scheduler has no server', () => {
    const sent: (string | undefined)[] = ['rs2', undefined];
    const director = new DrDirector({ mac: DR.director.mac.toUpperCase(), vip: DR.vip, port: 80, protocol: 6, realServers: DR.servers.map((s) => ({ name: s.name, mac: s.mac })), scheduler: () => sent.shift() });
    const frame = (port: number) => segmentFrame({ sourceMac: DR.router.mac, destinationMac: DR.director.mac, sourceIp: DR.client.ip, destinationIp: DR.vip, sourcePort: port, destinationPort: 80 });
    const input = frame(1);
    const before = input.slice();
    const out = director.receiveFrame(input);
    expect(out === undefined ? 'dropped' : viewFrame(out).destinationMac, 'the director\'s MAC was configured in capitals; MACs compare case-insensitively').toBe(DR.servers[1].mac);
    expect([...input], 'the frame handed to receiveFrame is unchanged').toEqual([...before]);
    expect(director.receiveFrame(frame(2)), 'the scheduler returned undefined: drop').toBeUndefined();
  });

  it('takes frames for its MAC when that MAC is configured with capital letters', () => {
    const mac = '0a:bc:de:00:07:02';
    const director = new DrDirector({ mac: mac.toUpperCase(), vip: DR.vip, port: 80, protocol: 6, realServers: DR.servers.map((s) => ({ name: s.name, mac: s.mac })), scheduler: () => 'rs1' });
    const frame = segmentFrame({ sourceMac: DR.router.mac, destinationMac: mac, sourceIp: DR.client.ip, destinationIp: DR.vip, sourcePort: 40000, destinationPort: 80 });
    const out = director.receiveFrame(frame);
    expect(out === undefined ? 'dropped' : viewFrame(out).destinationMac, `configured as ${mac.toUpperCase()}, the frame says ${mac}: the same MAC`).toBe(DR.servers[0].mac);
  });

  it('refuses a configuration without real servers, with a repeated one, or with a bad MAC', () => {
    const base = { mac: DR.director.mac, vip: DR.vip, port: 80, protocol: 6, scheduler: () => 'rs1' };
    expect(() => new DrDirector({ ...base, realServers: [] })).toThrow(/needs at least one real server/);
    expect(() => new DrDirector({ ...base, realServers: [{ name: 'rs1', mac: DR.servers[0].mac }, { name: 'rs1', mac: DR.servers[1].mac }] })).toThrow(/real server "rs1" is listed twice/);
    expect(() => new DrDirector({ ...base, mac: '02:00:00:00:00', realServers: [{ name: 'rs1', mac: DR.servers[0].mac }] })).toThrow(RangeError);
  });
});
