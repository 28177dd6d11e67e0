/**
 * The HTTPS chapter's key schedule, step by step with RFC 8448's real numbers: the
 * TLS lab's reference solution (labs/https/solution) derives every secret of the
 * "Simple 1-RTT Handshake" from the trace's own inputs at build time, and this module
 * lays the secrets out as boxes and arrows for <StepThrough>. Nothing is typed by hand:
 * if the solution disagreed with RFC 8448, the lab's tests (and this module's) would fail.
 */
import { toHex } from '@lab-kit';
import { x25519 } from '../../../../labs/https/given/crypto.ts';
import { deriveSecret, transcriptHash } from '../../../../labs/https/solution/hkdf.ts';
import { applicationSecrets, handshakeSecrets, trafficKeys } from '../../../../labs/https/solution/key-schedule.ts';
import * as rfc8448 from '../../../../labs/https/tests/fixtures/rfc8448.ts';
import type { Step } from '../../components/step-through.ts';
import type { Point } from '../../components/svg.ts';

/** One box: a secret or an input, with the first bytes of its value. */
export interface SecretBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
  /** How it is computed, e.g. `HKDF-Extract(salt, ECDHE)`. */
  formula: string;
  /** Its value as hex; the figure shows the first bytes. */
  value: string;
  /** Inputs from outside the schedule are drawn apart. */
  kind: 'secret' | 'input' | 'keys';
}

/** An arrow from one box to another. */
export interface SecretArrow {
  id: string;
  from: Point;
  to: Point;
}

/** The SVG's coordinate system. */
export const VIEW_BOX = { width: 640, height: 560 };

const W = 290;
const H = 64;
const LEFT = 10;
const RIGHT = 340;

/** The first `n` bytes of a hex string, then an ellipsis. */
export function abbreviate(hex: string, n = 8): string {
  const bytes = hex.split(' ');
  return bytes.length <= n ? hex : `${bytes.slice(0, n).join(' ')} …`;
}

/** The schedule, computed with the lab's solution from RFC 8448's inputs. */
export async function keyScheduleWalk(): Promise<{ boxes: SecretBox[]; arrows: SecretArrow[]; steps: Step[]; parts: string[] }> {
  const shared = await x25519(rfc8448.CLIENT_PRIVATE_KEY, rfc8448.SERVER_PUBLIC_KEY);
  const helloHash = await transcriptHash(rfc8448.CLIENT_HELLO, rfc8448.SERVER_HELLO);
  const hs = await handshakeSecrets(shared, helloHash);
  const emptyHash = await transcriptHash();
  const derivedHs = await deriveSecret(hs.earlySecret, 'derived', emptyHash);
  const finishedHash = await transcriptHash(rfc8448.CLIENT_HELLO, rfc8448.SERVER_HELLO, rfc8448.SERVER_FLIGHT);
  const app = await applicationSecrets(hs.handshakeSecret, finishedHash);
  const derivedMs = await deriveSecret(hs.handshakeSecret, 'derived', emptyHash);
  const serverHsKeys = await trafficKeys(hs.serverHandshakeTrafficSecret);
  const clientApKeys = await trafficKeys(app.clientApplicationTrafficSecret);

  const box = (id: string, column: 'left' | 'right', row: number, title: string, formula: string, value: Uint8Array, kind: SecretBox['kind'] = 'secret'): SecretBox => ({
    id,
    x: column === 'left' ? LEFT : RIGHT,
    y: 10 + row * 78,
    width: W,
    height: H,
    title,
    formula,
    value: toHex(value),
    kind,
  });
  const boxes = [
    box('early', 'left', 0, 'Early Secret', 'HKDF-Extract(0, 0)', hs.earlySecret),
    box('derived-hs', 'left', 1, 'salt', 'Derive-Secret(Early, "derived", "")', derivedHs),
    box('ecdhe', 'right', 1, 'ECDHE shared secret', 'X25519(client key, server share)', shared, 'input'),
    box('handshake', 'left', 2, 'Handshake Secret', 'HKDF-Extract(salt, ECDHE)', hs.handshakeSecret),
    box('c-hs', 'right', 2, 'client handshake traffic', 'Derive-Secret(HS, "c hs traffic", CH..SH)', hs.clientHandshakeTrafficSecret),
    box('s-hs', 'right', 3, 'server handshake traffic', 'Derive-Secret(HS, "s hs traffic", CH..SH)', hs.serverHandshakeTrafficSecret),
    box('s-hs-keys', 'right', 4, 'server handshake key, IV', 'Expand-Label(·, "key"/"iv", "", 16/12)', new Uint8Array([...serverHsKeys.key, ...serverHsKeys.iv]), 'keys'),
    box('derived-ms', 'left', 4, 'salt', 'Derive-Secret(HS, "derived", "")', derivedMs),
    box('master', 'left', 5, 'Master Secret', 'HKDF-Extract(salt, 0)', app.masterSecret),
    box('c-ap', 'right', 5, 'client application traffic', 'Derive-Secret(MS, "c ap traffic", CH..server Fin)', app.clientApplicationTrafficSecret),
    box('c-ap-keys', 'right', 6, 'client application key, IV', 'Expand-Label(·, "key"/"iv", "", 16/12)', new Uint8Array([...clientApKeys.key, ...clientApKeys.iv]), 'keys'),
  ];
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const edge = (from: string, to: string): SecretArrow => {
    const a = byId.get(from)!;
    const b = byId.get(to)!;
    if (a.x === b.x) return { id: `${from}-${to}`, from: { x: a.x + W / 2, y: a.y + H }, to: { x: b.x + W / 2, y: b.y } };
    const down = b.y > a.y;
    return a.x < b.x
      ? { id: `${from}-${to}`, from: { x: a.x + W, y: a.y + H / 2 }, to: { x: b.x, y: down ? b.y + H / 2 : b.y + H / 2 } }
      : { id: `${from}-${to}`, from: { x: a.x, y: a.y + H / 2 }, to: { x: b.x + W, y: b.y + H / 2 } };
  };
  const arrows = [
    edge('early', 'derived-hs'),
    edge('derived-hs', 'handshake'),
    edge('ecdhe', 'handshake'),
    edge('handshake', 'c-hs'),
    edge('handshake', 's-hs'),
    edge('s-hs', 's-hs-keys'),
    edge('handshake', 'derived-ms'),
    edge('derived-ms', 'master'),
    edge('master', 'c-ap'),
    edge('c-ap', 'c-ap-keys'),
  ];
  const v = (id: string) => `\`${abbreviate(byId.get(id)!.value)}\``;
  const steps: Step[] = [
    { title: 'Start from nothing', text: `Without a pre-shared key, the Early Secret is HKDF-Extract of 32 zero bytes with a zero salt: the same ${v('early')} in every full handshake.`, active: ['early'] },
    { title: 'A salt for the next stage', text: `Derive-Secret(Early Secret, "derived", "") hashes no messages and gives ${v('derived-hs')}, the salt of the next Extract.`, active: ['derived-hs', 'early-derived-hs'] },
    { title: 'The only real secret', text: `Each side combines its X25519 private key with the other's key share and gets the same ${v('ecdhe')}. A recorder of the traffic sees both shares and still cannot compute it.`, active: ['ecdhe'] },
    { title: 'Handshake Secret', text: `HKDF-Extract(salt, ECDHE) = ${v('handshake')}. From here on everything depends on the ephemeral key exchange.`, active: ['handshake', 'derived-hs-handshake', 'ecdhe-handshake'] },
    { title: 'One secret per direction', text: `Derive-Secret with "c hs traffic" and "s hs traffic" and the hash of ClientHello and ServerHello gives ${v('c-hs')} and ${v('s-hs')}. Binding the transcript means a changed hello changes every key.`, active: ['c-hs', 's-hs', 'handshake-c-hs', 'handshake-s-hs'] },
    { title: 'Keys for the records', text: `HKDF-Expand-Label(secret, "key", "", 16) and (…, "iv", "", 12) give the AES-128-GCM key and IV: ${v('s-hs-keys')} protects EncryptedExtensions through the server's Finished.`, active: ['s-hs-keys', 's-hs-s-hs-keys'] },
    { title: 'Down once more', text: `A second "derived" step gives the salt ${v('derived-ms')}; HKDF-Extract of 32 zero bytes with it is the Master Secret ${v('master')}.`, active: ['derived-ms', 'master', 'handshake-derived-ms', 'derived-ms-master'] },
    { title: 'Application traffic', text: `"c ap traffic" and "s ap traffic", now over the transcript through the server's Finished, give ${v('c-ap')} and its key and IV ${v('c-ap-keys')}: the keys that protect the search request.`, active: ['c-ap', 'c-ap-keys', 'master-c-ap', 'c-ap-c-ap-keys'] },
  ];
  return { boxes, arrows, steps, parts: [...boxes.map((b) => b.id), ...arrows.map((a) => a.id)] };
}
