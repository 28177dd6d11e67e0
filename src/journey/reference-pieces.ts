/**
 * The reference pieces: every lab's solution, imported statically so the
 * site build and the browser bundle carry them like any other module.
 */
import * as ipv4 from '../../labs/layers/solution/ipv4.ts';
import * as tcpHeader from '../../labs/layers/solution/tcp.ts';
import * as udp from '../../labs/layers/solution/udp.ts';
import * as networkInterface from '../../labs/routing/solution/network-interface.ts';
import * as routingTable from '../../labs/routing/solution/routing-table.ts';
import * as router from '../../labs/routing/solution/router.ts';
import * as nat from '../../labs/routing/solution/nat.ts';
import * as dnsMessage from '../../labs/dns/solution/message.ts';
import * as resolver from '../../labs/dns/solution/resolver.ts';
import * as authority from '../../labs/dns/solution/authority.ts';
import * as connection from '../../labs/tcp/solution/connection.ts';
import * as tlsClient from '../../labs/https/solution/client.ts';
import * as edge from '../../labs/cdn/solution/edge.ts';
import * as director from '../../labs/lb/solution/director.ts';
import * as roundRobin from '../../labs/lb/solution/round-robin.ts';
import * as healthChecker from '../../labs/lb/solution/health-checker.ts';
import * as rpcClient from '../../labs/rpc/solution/client.ts';
import * as rpcServer from '../../labs/rpc/solution/server.ts';
import * as orders from '../../labs/inventory/solution/orders.ts';
import * as repository from '../../labs/inventory/solution/repository.ts';
import { piecesFrom, type PieceModules, type PieceSet } from './pieces.ts';

/** The solution's modules of every piece. */
export const REFERENCE_MODULES: PieceModules = {
  layers: { 'ipv4.ts': ipv4, 'tcp.ts': tcpHeader, 'udp.ts': udp },
  routing: { 'network-interface.ts': networkInterface, 'routing-table.ts': routingTable, 'router.ts': router, 'nat.ts': nat },
  dns: { 'message.ts': dnsMessage, 'resolver.ts': resolver, 'authority.ts': authority },
  tcp: { 'connection.ts': connection },
  https: { 'client.ts': tlsClient },
  cdn: { 'edge.ts': edge },
  lb: { 'director.ts': director, 'round-robin.ts': roundRobin, 'health-checker.ts': healthChecker },
  rpc: { 'client.ts': rpcClient, 'server.ts': rpcServer },
  inventory: { 'orders.ts': orders, 'repository.ts': repository },
};

/** Every piece from the reference. */
export const REFERENCE_PIECES: PieceSet = piecesFrom(REFERENCE_MODULES, 'reference');
