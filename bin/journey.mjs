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
const { main } = await import('../src/cli/main.ts');
const { processIo } = await import('../src/cli/process-io.ts');
process.exitCode = await main(process.argv.slice(2), processIo());
