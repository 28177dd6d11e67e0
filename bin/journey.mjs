#!/usr/bin/env node
// Entry point of the `journey` CLI. Plain JavaScript so that it can explain
// itself on an old Node before anything TypeScript is loaded.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `journey needs Node 22.12 or newer; this is Node ${process.versions.node}.\n` +
      'Run it as `npx journey …` from the course folder after `npm ci`: the course installs its own Node 24 there.',
  );
  process.exit(2);
}
// Node keeps the TypeScript it strips and the code it compiles here, for this
// process and (through the variable) the grading children it starts: most of a
// cold start is loading the CLI, Vite and Vitest, and a second run skips that work.
const { enableCompileCache } = await import('node:module');
const { fileURLToPath } = await import('node:url');
process.env.NODE_COMPILE_CACHE ??= fileURLToPath(new URL('../node_modules/.cache/journey-node', import.meta.url));
enableCompileCache?.(process.env.NODE_COMPILE_CACHE);
const { main } = await import('../src/cli/main.ts');
const { processIo } = await import('../src/cli/process-io.ts');
process.exitCode = await main(process.argv.slice(2), processIo());
