/**
 * Why a zip cannot be imported, one catalogue per language: `journey import`
 * and the lab page's import say it in the learner's language. File and lab
 * names stay as they are.
 */
import type { Locale } from './locale.ts';

const en = {
  unreadable: (why: string) => `this is not a readable zip file (${why})`,
  empty: 'the zip is empty',
  notOneLab: (found: string) => `expected the files of one lab as <lab>/<file>.ts; found ${found}`,
  notALab: (id: string, labs: string) => `"${id}" is not a lab of this course (labs: ${labs})`,
  notALabFile: (name: string, id: string, files: string) => `${name} is not one of the ${id} lab's files (${files})`,
  tooBig: (name: string, bytes: number) => `${name} is ${bytes} bytes, more than a lab file can be`,
  onlyGiven: (given: string) => `the zip holds only given files (${given}), none of yours`,
};

/** A zip's problems: the keys of the English catalogue. */
export type ZipWords = typeof en;

const zhCn: ZipWords = {
  unreadable: (why) => `这不是可读取的 zip 文件（${why}）`,
  empty: 'zip 是空的',
  notOneLab: (found) => `应当是一个实验的文件，形如 <lab>/<file>.ts；实际找到 ${found}`,
  notALab: (id, labs) => `"${id}" 不是本课程的实验（实验有：${labs}）`,
  notALabFile: (name, id, files) => `${name} 不是 ${id} 实验的文件（${files}）`,
  tooBig: (name, bytes) => `${name} 有 ${bytes} 字节，超出了实验文件的上限`,
  onlyGiven: (given) => `zip 中只有课程提供的文件（${given}），没有你的文件`,
};

/** A zip's problems in each language. */
export const ZIP_WORDS: Record<Locale, ZipWords> = { en, 'zh-cn': zhCn };
