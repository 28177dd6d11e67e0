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
import type { Locale } from '../../../course/locale.ts';
import { translateSteps, type StepWords } from '../../components/step-through.ts';
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
export async function keyScheduleWalk(locale: Locale = 'en'): Promise<{ boxes: SecretBox[]; arrows: SecretArrow[]; steps: Step[]; parts: string[] }> {
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
  const steps = translateSteps(SCHEDULE_PARTS.map((active) => ({ title: '', text: '', active })), SCHEDULE_WORDS[locale](v), 'KeySchedule');
  return { boxes, arrows, steps, parts: [...boxes.map((b) => b.id), ...arrows.map((a) => a.id)] };
}

/** The parts each step of the walk lights, in step order. */
const SCHEDULE_PARTS: string[][] = [
  ['early'],
  ['derived-hs', 'early-derived-hs'],
  ['ecdhe'],
  ['handshake', 'derived-hs-handshake', 'ecdhe-handshake'],
  ['c-hs', 's-hs', 'handshake-c-hs', 'handshake-s-hs'],
  ['s-hs-keys', 's-hs-s-hs-keys'],
  ['derived-ms', 'master', 'handshake-derived-ms', 'derived-ms-master'],
  ['c-ap', 'c-ap-keys', 'master-c-ap', 'c-ap-c-ap-keys'],
];

/** The walk's steps in each language, given `v`, which quotes a box's value as code. */
const SCHEDULE_WORDS: Record<Locale, (v: (id: string) => string) => StepWords> = {
  en: (v) => [
    { title: 'Start from nothing', text: `Without a pre-shared key, the Early Secret is HKDF-Extract of 32 zero bytes with a zero salt: the same ${v('early')} in every full handshake.` },
    { title: 'A salt for the next stage', text: `Derive-Secret(Early Secret, "derived", "") hashes no messages and gives ${v('derived-hs')}, the salt of the next Extract.` },
    { title: 'The only real secret', text: `Each side combines its X25519 private key with the other's key share and gets the same ${v('ecdhe')}. A recorder of the traffic sees both shares and still cannot compute it.` },
    { title: 'Handshake Secret', text: `HKDF-Extract(salt, ECDHE) = ${v('handshake')}. From here on everything depends on the ephemeral key exchange.` },
    { title: 'One secret per direction', text: `Derive-Secret with "c hs traffic" and "s hs traffic" and the hash of ClientHello and ServerHello gives ${v('c-hs')} and ${v('s-hs')}. Binding the transcript means a changed hello changes every key.` },
    { title: 'Keys for the records', text: `HKDF-Expand-Label(secret, "key", "", 16) and (…, "iv", "", 12) give the AES-128-GCM key and IV: ${v('s-hs-keys')} protects EncryptedExtensions through the server's Finished.` },
    { title: 'Down once more', text: `A second "derived" step gives the salt ${v('derived-ms')}; HKDF-Extract of 32 zero bytes with it is the Master Secret ${v('master')}.` },
    { title: 'Application traffic', text: `"c ap traffic" and "s ap traffic", now over the transcript through the server's Finished, give ${v('c-ap')} and its key and IV ${v('c-ap-keys')}: the keys that protect the search request.` },
  ],
  'zh-cn': (v) => [
    { title: '从零开始', text: `没有预共享密钥（PSK）时，Early Secret 是用全零 salt 对 32 个零字节做 HKDF-Extract 的结果：每一次完整握手都是同一个 ${v('early')}。` },
    { title: '为下一级准备 salt', text: `Derive-Secret(Early Secret, "derived", "") 不对任何消息求哈希，得到 ${v('derived-hs')}，作为下一次 Extract 的 salt。` },
    { title: '唯一真正的秘密', text: `双方各用自己的 X25519 私钥与对方的密钥份额组合，得到同一个 ${v('ecdhe')}。录下全部流量的人能看到两个份额，却仍然算不出它。` },
    { title: 'Handshake Secret', text: `HKDF-Extract(salt, ECDHE) = ${v('handshake')}。从这里开始，一切都取决于这次临时密钥交换。` },
    { title: '每个方向一个密钥', text: `用 "c hs traffic" 和 "s hs traffic" 以及 ClientHello 与 ServerHello 的哈希做 Derive-Secret，得到 ${v('c-hs')} 和 ${v('s-hs')}。绑定握手记录意味着 hello 一旦被改动，每个密钥都会改变。` },
    { title: '记录层的密钥', text: `HKDF-Expand-Label(secret, "key", "", 16) 和 (…, "iv", "", 12) 给出 AES-128-GCM 的密钥和 IV：${v('s-hs-keys')} 保护从 EncryptedExtensions 到服务器 Finished 的所有内容。` },
    { title: '再往下一级', text: `第二次 "derived" 步骤给出 salt ${v('derived-ms')}；用它对 32 个零字节做 HKDF-Extract，就是 Master Secret ${v('master')}。` },
    { title: '应用流量', text: `"c ap traffic" 和 "s ap traffic"，此时覆盖截至服务器 Finished 的握手记录，给出 ${v('c-ap')} 及其密钥和 IV ${v('c-ap-keys')}：正是它们保护着搜索请求。` },
  ],
};

/** The figure's other words in each language. */
export const SCHEDULE_FIGURE_WORDS: Record<Locale, { label: string; scroll: string; title: string; desc: string }> = {
  en: {
    label: "The TLS 1.3 key schedule with RFC 8448's numbers, step by step",
    scroll: 'The key schedule (scrolls sideways on a narrow screen)',
    title: 'The TLS 1.3 key schedule',
    desc:
      'On the left the chain of Early, Handshake and Master Secret, each an HKDF-Extract salted by a "derived" step from the one above; the ECDHE shared secret ' +
      "enters at the Handshake Secret. On the right the traffic secrets derived from them and the record keys. Each box shows the first bytes of its value in RFC 8448's trace.",
  },
  'zh-cn': {
    label: 'TLS 1.3 密钥调度，使用 RFC 8448 中的数值，逐步展开',
    scroll: '密钥调度（窄屏上可横向滚动）',
    title: 'TLS 1.3 密钥调度',
    desc:
      '左边是 Early、Handshake 和 Master Secret 组成的链，每一级都是以上一级的 "derived" 步骤为 salt 的 HKDF-Extract；ECDHE 共享密钥在 Handshake Secret 处加入。' +
      '右边是由它们派生出的流量密钥和记录层密钥。每个方框显示它的值在 RFC 8448 跟踪记录中的前几个字节。',
  },
};
