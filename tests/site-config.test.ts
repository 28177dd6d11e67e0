// The site's settings a teacher and a newcomer meet: SITE_URL, the warnings a build
// prints, and what `npm start` says next.
import { uiStrings } from '../src/site/i18n/ui.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { describe, expect, it, vi } from 'vitest';
import { nextStepLines } from '../src/site/integrations/next-step.ts';
import { MISSING_SITE_URL, siteUrl, siteUrlCheck } from '../src/site/integrations/site-url.ts';
import { root } from './support/cli.ts';

type ConfigSetup = NonNullable<AstroIntegration['hooks']['astro:config:setup']>;

/** Runs the site-url integration's setup for a command and a configured site; returns what it warned. */
function warningsFor(command: 'dev' | 'build', site: string | undefined): string[] {
  const warn = vi.fn();
  const setup = siteUrlCheck().hooks['astro:config:setup'] as ConfigSetup;
  void setup({ command, config: { site }, logger: { warn } } as unknown as Parameters<ConfigSetup>[0]);
  return warn.mock.calls.map(([message]) => String(message));
}

describe('SITE_URL', () => {
  it('is the address canonical links and the sitemap use; unset, there is none rather than localhost', () => {
    expect(siteUrl({ SITE_URL: 'https://course.example.org' })).toBe('https://course.example.org/');
    expect(siteUrl({ SITE_URL: 'https://school.example/net/' })).toBe('https://school.example/net/');
    expect(siteUrl({})).toBeUndefined();
    expect(siteUrl({ SITE_URL: '  ' })).toBeUndefined();
  });

  it('rejects what is not an http(s) address, naming the setting', () => {
    expect(() => siteUrl({ SITE_URL: 'course.example.org' })).toThrow('SITE_URL must be the address the course will be served at');
    expect(() => siteUrl({ SITE_URL: 'ftp://course.example.org/' })).toThrow('SITE_URL must start with https://');
  });

  it('a production build without it warns that canonical links, og:url and the sitemap are left out', () => {
    expect(warningsFor('build', undefined).join('')).toContain(MISSING_SITE_URL);
    expect(warningsFor('build', 'https://course.example.org/')).toEqual([]);
    expect(warningsFor('dev', undefined)).toEqual([]);
  });

  it('the config takes it from the environment, and it is documented for teachers', async () => {
    vi.stubEnv('SITE_URL', 'https://course.example.org/');
    vi.resetModules();
    try {
      const config = (await import('../astro.config.mjs')).default as { site?: string };
      expect(config.site).toBe('https://course.example.org/');
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
    for (const doc of ['README.md', 'content/guides/teachers.mdx']) expect(readFileSync(join(root, doc), 'utf8')).toContain('SITE_URL=https://');
  });
});

describe('the site config', () => {
  it('turns off the dev toolbar, which floats over the lab editor, and Starlight\'s 404 route in favour of the course\'s page', async () => {
    const config = (await import('../astro.config.mjs')).default as { devToolbar?: { enabled: boolean }; integrations: unknown[] };
    expect(config.devToolbar?.enabled).toBe(false);
    expect(readdirSync(join(root, 'content'))).not.toContain('404.md');
    // The course's own 404 page, its words in both languages from the UI catalogues.
    expect(readFileSync(join(root, 'src', 'site', 'pages', '404.astro'), 'utf8')).toContain('notFoundHeading');
    expect(uiStrings('en').notFoundHeading).toBe('This page took a wrong turn');
    expect(uiStrings('zh-cn').notFoundHeading).toBe('这个页面走错了路');
  });
});

describe('npm start', () => {
  it('says where the course is and what to do next: the first chapter, or its lab in the terminal', () => {
    const lines = nextStepLines('http://localhost:4321/').join('\n');
    expect(lines).toContain('The course is at http://localhost:4321/');
    expect(lines).toContain('http://localhost:4321/chapters/layers/');
    expect(lines).toContain('npx journey start layers');
  });
});
