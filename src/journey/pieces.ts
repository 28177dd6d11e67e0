/**
 * The pieces of the journey: one per lab whose code the trip runs, each an
 * adapter over that lab's public API (the exports of its learner files). A
 * trip takes a `PieceSet` and never imports a lab itself, so the same wiring
 * runs the reference (`labs/<lab>/solution/`) or the learner's workspace
 * (`workspace/<lab>/`), piece by piece.
 */
import type * as Ipv4 from '../../labs/layers/solution/ipv4.ts';
import type * as Tcp from '../../labs/layers/solution/tcp.ts';
import type * as Udp from '../../labs/layers/solution/udp.ts';
import type * as NetworkInterface from '../../labs/routing/solution/network-interface.ts';
import type * as RoutingTable from '../../labs/routing/solution/routing-table.ts';
import type * as Router from '../../labs/routing/solution/router.ts';
import type * as Nat from '../../labs/routing/solution/nat.ts';
import type * as DnsMessage from '../../labs/dns/solution/message.ts';
import type * as DnsResolver from '../../labs/dns/solution/resolver.ts';
import type * as DnsAuthority from '../../labs/dns/solution/authority.ts';
import type * as TcpConnection from '../../labs/tcp/solution/connection.ts';
import type * as TlsClient from '../../labs/https/solution/client.ts';
import type * as Edge from '../../labs/cdn/solution/edge.ts';
import type * as Director from '../../labs/lb/solution/director.ts';
import type * as RoundRobin from '../../labs/lb/solution/round-robin.ts';
import type * as HealthChecker from '../../labs/lb/solution/health-checker.ts';
import type * as RpcClient from '../../labs/rpc/solution/client.ts';
import type * as RpcServer from '../../labs/rpc/solution/server.ts';
import type * as Orders from '../../labs/inventory/solution/orders.ts';
import type * as Repository from '../../labs/inventory/solution/repository.ts';

/** The learner files each piece uses, as their modules: what a loader must supply. */
export interface PieceModules {
  layers: { 'ipv4.ts': typeof Ipv4; 'tcp.ts': typeof Tcp; 'udp.ts': typeof Udp };
  routing: {
    'network-interface.ts': typeof NetworkInterface;
    'routing-table.ts': typeof RoutingTable;
    'router.ts': typeof Router;
    'nat.ts': typeof Nat;
  };
  dns: { 'message.ts': typeof DnsMessage; 'resolver.ts': typeof DnsResolver; 'authority.ts': typeof DnsAuthority };
  tcp: { 'connection.ts': typeof TcpConnection };
  https: { 'client.ts': typeof TlsClient };
  cdn: { 'edge.ts': typeof Edge };
  lb: { 'director.ts': typeof Director; 'round-robin.ts': typeof RoundRobin; 'health-checker.ts': typeof HealthChecker };
  rpc: { 'client.ts': typeof RpcClient; 'server.ts': typeof RpcServer };
  inventory: { 'orders.ts': typeof Orders; 'repository.ts': typeof Repository };
}

/** A piece's id: the lab it comes from. */
export type PieceId = keyof PieceModules;

/** What each piece does on the trip, as the learner's label reads it: "your TCP", "reference TLS". */
export const PIECE_NOUNS: Readonly<Record<PieceId, string>> = {
  layers: 'headers and checksums',
  routing: 'ARP, router and NAT',
  dns: 'resolver',
  tcp: 'TCP',
  https: 'TLS client',
  cdn: 'edge cache',
  lb: 'director',
  rpc: 'RPC',
  inventory: 'order service',
};

/** Every piece, in the order the trip first needs it. */
export const PIECE_IDS: readonly PieceId[] = ['layers', 'routing', 'dns', 'tcp', 'https', 'cdn', 'lb', 'rpc', 'inventory'];

/** Whose code a piece is. */
export type PieceSource = 'yours' | 'reference';

/** One piece, ready to run: its modules and whose they are. */
export interface Piece<Id extends PieceId = PieceId> {
  id: Id;
  source: PieceSource;
  modules: PieceModules[Id];
}

/** The pieces one trip runs. */
export type PieceSet = { readonly [Id in PieceId]: Piece<Id> };

/** "your TCP", "reference TLS client". */
export function pieceLabel(piece: Pick<Piece, 'id' | 'source'>): string {
  return `${piece.source === 'yours' ? 'your' : 'reference'} ${PIECE_NOUNS[piece.id]}`;
}

/** How much of the trip is the learner's: pieces that are theirs, out of all. */
export function yourStack(pieces: PieceSet): { yours: number; total: number } {
  return { yours: PIECE_IDS.filter((id) => pieces[id].source === 'yours').length, total: PIECE_IDS.length };
}

/** A PieceSet of these modules, every piece from `source`. */
export function piecesFrom(modules: PieceModules, source: PieceSource): PieceSet {
  const entries = PIECE_IDS.map((id) => [id, { id, source, modules: modules[id] }]);
  return Object.fromEntries(entries) as PieceSet;
}

/** `base` with some pieces replaced. */
export function withPieces(base: PieceSet, replaced: readonly Piece[]): PieceSet {
  return { ...base, ...Object.fromEntries(replaced.map((piece) => [piece.id, piece])) } as PieceSet;
}
