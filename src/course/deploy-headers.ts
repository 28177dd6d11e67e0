/**
 * The HTTP headers the course needs from its host, in one place: the dev and
 * preview servers send them, and the build writes them in each host's format.
 * COOP/COEP make pages cross-origin isolated (SharedArrayBuffer, which
 * WebContainers need). They apply to every page: all of the course's own
 * resources are same-origin, so chapters, fonts and images keep working.
 */
export const CROSS_ORIGIN_ISOLATION: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Netlify and Cloudflare Pages: `dist/_headers`. */
export function netlifyHeaders(): string {
  return ['/*', ...Object.entries(CROSS_ORIGIN_ISOLATION).map(([name, value]) => `  ${name}: ${value}`)].join('\n') + '\n';
}

/** Vercel: `vercel.json` at the repository root (Vercel builds with `npm run build` and serves dist/). */
export function vercelConfig(): object {
  return {
    $schema: 'https://openapi.vercel.sh/vercel.json',
    buildCommand: 'npm run build',
    outputDirectory: 'dist',
    headers: [{ source: '/(.*)', headers: Object.entries(CROSS_ORIGIN_ISOLATION).map(([key, value]) => ({ key, value })) }],
  };
}
