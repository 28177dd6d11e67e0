/**
 * Links in the course's Markdown under a base path. Astro leaves
 * `[text](/labs/dns/)` as written, so under `/my-course/` it would point
 * outside the site: root-relative links get the base, and a link to a chapter
 * or lab this instance leaves out becomes its words and a note, not a 404.
 * A Sätteri (Astro's Markdown processor) plugin, added the way Starlight adds
 * its own, so it runs on .md and .mdx alike.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { courseHref } from '../course-links.ts';
import { uiStrings } from '../i18n/ui.ts';
import { coursePaths } from '../../course/paths.ts';
import { translatedLocaleOf } from './translated-imports.ts';

/** The text that follows a link's words when its page is not part of this course (in English; each page gets its language's). */
export const LEFT_OUT_NOTE = uiStrings('en').leftOutNote;

/** The little of a Sätteri mdast visitor's context this plugin uses. */
interface VisitorContext {
  readonly fileURL: URL | undefined;
  setProperty(node: object, key: string, value: unknown): void;
  appendChild(node: object, child: { type: 'text'; value: string }): void;
}

/** The Sätteri mdast plugin; `leftOutPages` are root-relative path prefixes (course-links.ts). */
export function courseLinksPlugin(options: { base: string; leftOutPages: readonly string[] }) {
  const target = (url: string) => courseHref(url, options.base, options.leftOutPages);
  return {
    name: 'packet-journey-course-links',
    link(node: { readonly url: string }, ctx: VisitorContext) {
      const href = target(node.url);
      if (href === undefined) {
        // The link's own words stay, in a span with no href, followed by the note in the page's language.
        const t = uiStrings(ctx.fileURL && translatedLocaleOf(fileURLToPath(ctx.fileURL), coursePaths().content));
        ctx.setProperty(node, 'data', { hName: 'span', hProperties: { className: ['left-out-link'], href: null, title: t.leftOutTitle } });
        ctx.appendChild(node, { type: 'text', value: t.leftOutNote });
      } else if (href !== node.url) ctx.setProperty(node, 'url', href);
    },
    definition(node: { readonly url: string; readonly identifier: string }, ctx: VisitorContext) {
      const href = target(node.url);
      // A reference link cannot be unlinked from its definition: stop the build, naming it, rather than ship a 404.
      if (href === undefined) throw new Error(`${ctx.fileURL?.pathname ?? 'a page'}: [${node.identifier}]: ${node.url} links to a page this course leaves out; write it as an inline link, which is then shown unlinked.`);
      if (href !== node.url) ctx.setProperty(node, 'url', href);
    },
  };
}

/** Adds the plugin to Astro's Markdown processor (which MDX inherits). */
export function courseLinks(options: { base: string; leftOutPages: readonly string[] }): AstroIntegration {
  return {
    name: 'packet-journey:course-links',
    hooks: {
      'astro:config:setup': ({ config }) => {
        const processor = config.markdown.processor as { name?: string; options?: { mdastPlugins?: unknown[] } } | undefined;
        if (!processor?.options?.mdastPlugins) throw new Error(`The course's links need Astro's Sätteri Markdown processor; the configured one is "${processor?.name ?? 'none'}".`);
        processor.options.mdastPlugins.push(courseLinksPlugin(options));
      },
    },
  };
}
