// The editor's TypeScript worker reads each lab's compiler options and the declaration files they need from here (emitted at build time).
import type { APIRoute } from 'astro';
import { coursePaths } from '../../../course/paths.ts';
import { typescriptEnvironment } from './_typescript-env.ts';

export const GET: APIRoute = () =>
  new Response(JSON.stringify(typescriptEnvironment(coursePaths())), { headers: { 'Content-Type': 'application/json' } });
