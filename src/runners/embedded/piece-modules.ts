/**
 * A learner's piece as modules in a host without a file system (the trip
 * worker): the lab's learner and given files go into one module graph, the
 * course's `@impl/` rule and all, and the files the trip uses are imported
 * from it. Error stacks name the learner's files as `workspace/<lab>/…`, the
 * paths the trip's failure report (trip-failure.ts) looks for.
 */
import * as labKit from '../../lab-kit/index.ts';
import * as netsim from '../../netsim/index.ts';
import type { PieceId, PieceModules } from '../../journey/pieces.ts';
import { ModuleGraph, ready, type ModuleHost } from './module-graph.ts';
import { GIVEN_DIR, IMPL_DIR } from './run-files.ts';

/** The only packages the pieces' files import (the pure stages' own rule). */
const PIECE_BUILTINS: Record<string, Record<string, unknown>> = { '@lab-kit': labKit, '@netsim': netsim };

/** A piece's modules, and how to name its files in a stack trace. */
export interface LoadedPiece<Id extends PieceId = PieceId> {
  modules: PieceModules[Id];
  /** Replaces the graph's module URLs in `text` with `workspace/<lab>/<file>` (given files as `given/<lab>/<file>`). */
  describe(text: string): string;
  dispose(): void;
}

/** Loads `names` (the files PieceModules lists for `id`) from the piece's `files`. */
export async function loadPiece<Id extends PieceId>(id: Id, files: readonly [string, string][], names: readonly string[], host: ModuleHost): Promise<LoadedPiece<Id>> {
  await ready;
  const graph = new ModuleGraph(new Map(files), PIECE_BUILTINS, host);
  const describe = (text: string) => graph.describe(text).replaceAll(IMPL_DIR, `workspace/${id}/`).replaceAll(GIVEN_DIR, `given/${id}/`);
  try {
    const loaded = await Promise.all(names.map((name) => import(/* @vite-ignore */ graph.urlFor(IMPL_DIR + name)) as Promise<unknown>));
    return { modules: Object.fromEntries(names.map((name, i) => [name, loaded[i]])) as PieceModules[Id], describe, dispose: () => graph.dispose() };
  } catch (error) {
    graph.dispose();
    throw new Error(describe(error instanceof Error ? error.message : String(error)), { cause: error });
  }
}
