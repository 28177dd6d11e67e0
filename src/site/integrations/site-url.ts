/**
 * The site's public address (`SITE_URL`), which canonical links, `og:url` and
 * the sitemap are built from. A build without it leaves all three out rather
 * than pointing them at localhost, and says so loudly.
 */
import type { AstroIntegration } from 'astro';

/** `SITE_URL` checked: an absolute http(s) URL, or undefined when unset. */
export function siteUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env['SITE_URL']?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`SITE_URL must be the address the course will be served at, such as https://course.example.org/; got "${value}".`);
  }
  if (!/^https?:$/.test(url.protocol)) throw new Error(`SITE_URL must start with https:// (or http://); got "${value}".`);
  return url.href;
}

/** The warning a production build without SITE_URL prints. */
export const MISSING_SITE_URL =
  'SITE_URL is not set: this build has no canonical links, no og:url and no sitemap. ' +
  'Set it to the address the course will be served at, e.g. `SITE_URL=https://course.example.org/ npm run build` (README: "For teachers").';

/** Warns on `astro build` when the site's address is unknown. */
export function siteUrlCheck(): AstroIntegration {
  return {
    name: 'packet-journey:site-url',
    hooks: {
      'astro:config:setup': ({ command, config, logger }) => {
        if (command === 'build' && !config.site) logger.warn(`\n\n  ⚠ ${MISSING_SITE_URL}\n`);
      },
    },
  };
}
