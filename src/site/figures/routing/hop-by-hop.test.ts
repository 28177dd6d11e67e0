import { describe, expect, it } from 'vitest';
import { formatRoute, HOP_FIELDS, hopParts, hopSteps, runHopByHop } from './hop-by-hop.ts';
import { natExample, NAT_INSIDE_IP, NAT_PUBLIC_IP } from './routing-examples.ts';
import { checkSteps } from '../../components/step-through.ts';
import { expectSameSteps } from '../../../../tests/support/translated-steps.ts';

describe('the hop-by-hop journey, generated from a netsim run of the routing lab', () => {
  const journey = runHopByHop();
  const { steps, devices } = journey;
  const routers = devices.filter((d) => d.kind === 'router');
  const iface = (device: string, name: string) => devices.find((d) => d.id === device)!.interfaces.find((i) => i.name === name)!;

  it('crosses every link from the client to the server, in order', () => {
    expect(steps.map((s) => `${s.link.from.device}→${s.link.to.device}`)).toEqual(['client→gateway', 'gateway→isp', 'isp→datacenter', 'datacenter→server']);
    expect(routers).toHaveLength(3);
  });

  it('puts new MAC addresses on the frame on every link: from the sending interface to the next hop’s', () => {
    for (const step of steps) {
      expect(step.frame.srcMac, step.link.id).toBe(iface(step.link.from.device, step.link.from.iface).mac);
      expect(step.frame.dstMac, step.link.id).toBe(iface(step.link.to.device, step.link.to.iface).mac);
    }
    for (let i = 1; i < steps.length; i++) {
      expect(steps[i]!.frame.srcMac).not.toBe(steps[i - 1]!.frame.srcMac);
      expect(steps[i]!.frame.dstMac).not.toBe(steps[i - 1]!.frame.dstMac);
      expect(steps[i]!.changed).toEqual(expect.arrayContaining(['dstMac', 'srcMac']));
    }
    expect(new Set(steps.map((s) => s.frame.dstMac)).size).toBe(steps.length);
  });

  it('keeps the IP addresses the same end to end', () => {
    for (const step of [...steps.map((s) => s.frame), journey.delivered]) {
      expect(step.srcIp).toBe('198.51.100.23');
      expect(step.dstIp).toBe('203.0.113.10');
    }
    for (const step of steps) expect(step.changed).not.toContain('srcIp');
    for (const step of steps) expect(step.changed).not.toContain('dstIp');
  });

  it('takes one off the TTL at every router, and the checksum changes with it', () => {
    expect(steps.map((s) => Number(s.frame.ttl))).toEqual([64, 63, 62, 61]);
    expect(Number(journey.delivered.ttl)).toBe(64 - routers.length);
    for (let i = 1; i < steps.length; i++) {
      expect([...steps[i]!.changed].sort()).toEqual(['checksum', 'dstMac', 'srcMac', 'ttl']);
      // TTL is the high byte of a header word: one less TTL is 0x0100 more checksum (RFC 1624).
      expect(Number(steps[i]!.frame.checksum) - Number(steps[i - 1]!.frame.checksum)).toBe(0x0100);
    }
    expect(steps[0]!.changed).toEqual([]);
  });

  it('resolves each next hop with one ARP request (broadcast) and one reply (unicast) before the frame', () => {
    for (const step of steps) {
      const arp = step.arp;
      expect(arp, step.link.id).toBeDefined();
      expect(arp!.request.ethernetDestination).toBe('ff:ff:ff:ff:ff:ff');
      expect(arp!.request.targetIp).toBe(step.nextHop);
      expect(arp!.request.senderMac).toBe(step.frame.srcMac);
      expect(arp!.reply.senderIp).toBe(step.nextHop);
      expect(arp!.reply.senderMac).toBe(step.frame.dstMac);
      expect(arp!.reply.ethernetDestination).toBe(step.frame.srcMac);
      expect(arp!.request.sentAt).toBeLessThan(arp!.reply.sentAt);
      expect(arp!.reply.sentAt).toBeLessThanOrEqual(step.frame.sentAt);
    }
  });

  it('chooses each next hop by the sender’s own routing table', () => {
    expect(steps.map((s) => formatRoute(s.route))).toEqual([
      'default via 198.51.100.1 dev eth0',
      'default via 192.0.2.2 dev eth1',
      '203.0.113.0/24 via 192.0.2.6 dev eth1',
      '203.0.113.0/24 dev eth1',
    ]);
    expect(steps.map((s) => s.nextHop)).toEqual(['198.51.100.1', '192.0.2.2', '192.0.2.6', '203.0.113.10']);
  });

  it('is the same on every build', () => {
    expect(runHopByHop()).toEqual(journey);
  });

  it('gives StepThrough one step per link and a last one, each lighting parts the diagram has', () => {
    const stepList = hopSteps(journey);
    expect(stepList).toHaveLength(steps.length + 1);
    expect(() => checkSteps(stepList, hopParts(journey))).not.toThrow();
    expect(stepList[1]!.active).toEqual(['access', 'gateway', 'isp', 'fields-access']);
    expect(stepList[1]!.text).toContain('`02:00:00:00:03:00`');
    expect(stepList.at(-1)!.text).toContain('the TTL went from 64 to 61');
    expect(HOP_FIELDS).toEqual(['dstMac', 'srcMac', 'srcIp', 'dstIp', 'ttl', 'checksum']);
  });

  it('walks the same links in Chinese, quoting the same routes and addresses', () => {
    const english = hopSteps(journey);
    const chinese = hopSteps(journey, 'zh-cn');
    expectSameSteps(english, chinese);
    expect(chinese.at(-1)!.text).toContain('TTL 从 64 变成 61');
    expect(chinese[0]!.title).toBe('客户端 → 家庭网关');
  });
});

describe('the NAT example', () => {
  const { rows, publicPort } = natExample();

  it('rewrites the request’s source to the public address and a fresh port, leaving the destination', () => {
    const out = rows[0]!;
    expect([out.before.sourceIp, out.before.sourcePort]).toEqual([NAT_INSIDE_IP, '54140']);
    expect([out.after.sourceIp, out.after.sourcePort]).toEqual([NAT_PUBLIC_IP, String(publicPort)]);
    expect([out.after.destinationIp, out.after.destinationPort]).toEqual([out.before.destinationIp, out.before.destinationPort]);
    expect(publicPort).toBe(49152);
  });

  it('maps the reply back to the inside host and port', () => {
    const back = rows[1]!;
    expect([back.before.destinationIp, back.before.destinationPort]).toEqual([NAT_PUBLIC_IP, String(publicPort)]);
    expect([back.after.destinationIp, back.after.destinationPort]).toEqual([NAT_INSIDE_IP, '54140']);
    expect([back.after.sourceIp, back.after.sourcePort]).toEqual([back.before.sourceIp, back.before.sourcePort]);
  });

  it('changes both checksums each way', () => {
    for (const row of rows) {
      expect(row.after.ipChecksum).not.toBe(row.before.ipChecksum);
      expect(row.after.tcpChecksum).not.toBe(row.before.tcpChecksum);
    }
  });
});
