// `journey trip` end to end: plain Node (the CLI) loads each piece from the
// learner's workspace through the course's @impl rule, runs the trip, and
// names the piece and the step when one of them breaks it.
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpText } from '../src/cli/usage.ts';
import { FAULT_IDS } from '../src/journey/faults.ts';
import { PIECE_IDS } from '../src/journey/pieces.ts';
import { journey, root, tempWorkspace } from './support/cli.ts';

/** A workspace holding these labs' files from `from` (solution/ or starter/). */
function workspaceWith(labs: readonly string[], from: 'solution' | 'starter', workspace = tempWorkspace()): string {
  for (const lab of labs) {
    mkdirSync(join(workspace, lab), { recursive: true });
    for (const file of readdirSync(join(root, 'labs', lab, from))) cpSync(join(root, 'labs', lab, from, file), join(workspace, lab, file));
  }
  return workspace;
}

describe('journey trip', () => {
  it('grades the journey: passes with every piece from a workspace holding every solution, and says so', () => {
    const workspace = workspaceWith(PIECE_IDS, 'solution');
    const run = journey(['trip', '--grade', '--out', join(workspace, 'out')], { workspace });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const label of ['your TCP', 'your TLS client', 'your resolver', 'your ARP, router and NAT', 'your order service']) expect(run.stdout).toContain(label);
    expect(run.stdout).toContain('Your stack: 9 of 9 pieces are yours.');
    expect(run.stdout).toMatch(/Order: 201 .*"status":"accepted"/);
    // The grade prints the verdict instead of the timeline.
    expect(run.stdout).not.toContain('Timeline');
    expect(run.stdout).toMatch(/✓ your TCP +workspace\/tcp\/\n/);
    expect(run.stdout).toMatch(/✓ the order comes back +answered 201\n/);
    expect(run.stdout).toContain('Journey pass: the order crossed the network carried by your code alone.');
    expect(existsSync(join(workspace, 'out', 'trip.pcap'))).toBe(true);
    expect(existsSync(join(workspace, 'out', 'keylog.txt'))).toBe(true);
  }, 300_000);

  it('fails the journey with one broken piece, naming it and the step where the trip stopped', () => {
    const workspace = workspaceWith(PIECE_IDS.filter((id) => id !== 'https'), 'solution');
    workspaceWith(['https'], 'starter', workspace);
    const run = journey(['trip', '--grade', '--out', join(workspace, 'out')], { workspace });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Your stack: 9 of 9 pieces are yours.');
    expect(run.stderr).toMatch(/The trip stopped during TLS handshake, at t=\d+(\.\d+)? ms: .*TODO/);
    expect(run.stderr).toContain('Look at your TLS client (workspace/https/)');
    expect(run.stdout).toMatch(/✗ the order comes back +the trip stopped during TLS handshake/);
    expect(run.stdout).toMatch(/✗ your TLS client +workspace\/https\/: the trip stopped here\n/);
    expect(run.stdout).toContain('Journey not yet: the trip stopped during TLS handshake: look at your TLS client (workspace/https/).');
  }, 300_000);

  it('grades each lab the workspace holds and takes only the pieces whose pure stages all pass', () => {
    const workspace = workspaceWith(['layers'], 'solution');
    workspaceWith(['lb'], 'starter', workspace);
    const run = journey(['trip', '--out', join(workspace, 'out')], { workspace });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/your headers and checksums +passes checksum, ethernet, ipv4, transport, encapsulate, hexdump\n/);
    expect(run.stdout).toMatch(/reference director +your lb does not pass round-robin, .*director yet\n/);
    expect(run.stdout).toContain('Your stack: 1 of 9 pieces are yours.');
    expect(run.stdout).toMatch(/Order: 201 /);
  }, 600_000);

  it('refuses --grade with --yours or --reference: the grade takes every piece from the workspace', () => {
    const run = journey(['trip', '--grade', '--reference'], { workspace: tempWorkspace() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--grade takes every piece from your workspace');
  });

  it('refuses an unknown fault, naming the known ones', () => {
    const run = journey(['trip', '--fault', 'server-down,solar-flare'], { workspace: tempWorkspace() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--fault: unknown "solar-flare". Known: ${FAULT_IDS.join(', ')}.`);
    expect(helpText()).toContain(`inject faults: ${FAULT_IDS.join(', ')}`);
  });

  it('refuses an unknown piece, naming the known ones', () => {
    const run = journey(['trip', '--yours', 'tcp,quic'], { workspace: tempWorkspace() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--yours: unknown "quic". Known: layers, routing, dns, tcp, https, cdn, lb, rpc, inventory.');
  });
});
