/**
 * What `journey trip` says around the journey itself, one catalogue per
 * language (the pieces, phases, faults and verdict are journey-words.ts's).
 */
import type { Locale } from '../course/locale.ts';

const en = {
  grading: (lab: string, stages: string) => `Grading your ${lab} (${stages})…`,
  pieces: 'Pieces:',
  fault: (id: string, lesson: string) => `Fault ${id}: ${lesson}.`,
  timeline: (seed: number) => `Timeline (seed ${seed}):`,
  phases: 'Phases:',
  order: (status: number, body: string) => `Order: ${status} ${body}`,
  capture: (pcap: string, keylog: string) => `Capture: ${pcap} (TLS keys: ${keylog})`,
  seedFlag: (given: string) => `--seed must be a whole number ≥ 0, got "${given}".`,
  unknownItems: (flag: string, unknown: string, known: string) => `--${flag}: unknown ${unknown}. Known: ${known}.`,
  referenceAndYours: '--reference and --yours contradict each other: choose one.',
  gradeAlone: '--grade takes every piece from your workspace: leave out --reference and --yours.',
};

/** `journey trip`'s words: the keys of the English catalogue. */
export type TripWords = typeof en;

const zhCn: TripWords = {
  grading: (lab, stages) => `正在为你的 ${lab} 评分（${stages}）…`,
  pieces: '组件：',
  fault: (id, lesson) => `故障 ${id}：${lesson}。`,
  timeline: (seed) => `时间线（种子 ${seed}）：`,
  phases: '各阶段：',
  order: (status, body) => `订单：${status} ${body}`,
  capture: (pcap, keylog) => `抓包：${pcap}（TLS 密钥：${keylog}）`,
  seedFlag: (given) => `--seed 必须是 ≥ 0 的整数，收到的是 "${given}"。`,
  unknownItems: (flag, unknown, known) => `--${flag}：未知的 ${unknown}。可用的有：${known}。`,
  referenceAndYours: '--reference 与 --yours 互相矛盾：只能选一个。',
  gradeAlone: '--grade 会从你的工作区取所有组件：请去掉 --reference 和 --yours。',
};

/** `journey trip` in each language. */
export const TRIP_WORDS: Record<Locale, TripWords> = { en, 'zh-cn': zhCn };
