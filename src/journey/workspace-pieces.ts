/**
 * Which pieces are the learner's (Node only): a piece comes from
 * `workspace/<lab>/` when that lab's pure stages (the code the trip runs)
 * all pass under the course's grader, or when the learner asks for it by
 * name; from the reference otherwise, with the reason.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadLab, type Lab } from '../course/labs.ts';
import type { CoursePaths } from '../course/paths.ts';
import type { GradeResult } from '../runners/result.ts';
import { PIECE_IDS, type Piece, type PieceId, type PieceModules, type PieceSet } from './pieces.ts';
import { REFERENCE_MODULES } from './reference-pieces.ts';

/** Why a piece is whose it is. */
export interface PieceChoice {
  id: PieceId;
  source: Piece['source'];
  reason: string;
}

/** Grades a lab's workspace on the given stages. */
export type GradeStages = (lab: Lab, stages: string[]) => Promise<GradeResult>;

/** How to choose. */
export interface ChooseOptions {
  paths: CoursePaths;
  grade: GradeStages;
  /** Pieces to take from the workspace without grading ("show me where mine breaks the trip"). */
  forced?: readonly PieceId[];
  /** Take every piece from the reference, grading nothing. */
  referenceOnly?: boolean;
}

/** Imports a lab's learner files from the workspace (through registerJourneyHooks' resolution). */
async function workspaceModules<Id extends PieceId>(paths: CoursePaths, id: Id): Promise<PieceModules[Id]> {
  const files = Object.keys(REFERENCE_MODULES[id]);
  const modules = await Promise.all(files.map((file) => import(pathToFileURL(join(paths.workspace, id, file)).href) as Promise<unknown>));
  return Object.fromEntries(files.map((file, i) => [file, modules[i]])) as PieceModules[Id];
}

/** Decides, and loads, every piece. */
export async function choosePieces(options: ChooseOptions): Promise<{ pieces: PieceSet; choices: PieceChoice[] }> {
  const { paths, grade, forced = [], referenceOnly = false } = options;
  const entries: [PieceId, Piece][] = [];
  const choices: PieceChoice[] = [];
  for (const id of PIECE_IDS) {
    const choice = await decide(paths, id, grade, forced.includes(id), referenceOnly);
    choices.push(choice);
    const modules = choice.source === 'yours' ? await workspaceModules(paths, id) : REFERENCE_MODULES[id];
    entries.push([id, { id, source: choice.source, modules } as Piece]);
  }
  return { pieces: Object.fromEntries(entries) as PieceSet, choices };
}

async function decide(paths: CoursePaths, id: PieceId, grade: GradeStages, forced: boolean, referenceOnly: boolean): Promise<PieceChoice> {
  const reference = (reason: string): PieceChoice => ({ id, source: 'reference', reason });
  if (referenceOnly) return reference('every piece from the reference (asked for)');
  if (!existsSync(join(paths.workspace, id))) return reference(`no workspace/${id}/ yet`);
  if (forced) return { id, source: 'yours', reason: 'asked for, not graded' };
  const lab = loadLab(paths, id);
  const stages = lab.manifest.stages.filter((s) => s.runsIn === 'pure').map((s) => s.id);
  const result = await grade(lab, stages);
  const failed = result.stages.filter((s) => s.status !== 'passed').map((s) => s.id);
  return failed.length === 0 ? { id, source: 'yours', reason: `passes ${stages.join(', ')}` } : reference(`your ${id} does not pass ${failed.join(', ')} yet`);
}
