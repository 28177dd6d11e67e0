// The lab's files for the browser workspace, emitted at build time.
import type { APIRoute, GetStaticPaths } from 'astro';
import { labBundle } from '../../../../course/lab-bundle.ts';
import { loadLab } from '../../../../course/labs.ts';
import { courseLabs } from '../../../../course/offering.ts';
import { coursePaths } from '../../../../course/paths.ts';
import { courseSettings } from '../../../../course/settings.ts';

export const getStaticPaths = (() => courseLabs(coursePaths()).map((lab) => ({ params: { lab: lab.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const paths = coursePaths();
  const { showSolutions, scoring } = courseSettings(paths);
  const bundle = labBundle(loadLab(paths, params.lab!), { showSolutions, scoring });
  return new Response(JSON.stringify(bundle), { headers: { 'Content-Type': 'application/json' } });
};
