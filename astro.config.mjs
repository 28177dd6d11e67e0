// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { coursePagesIn, pagesIn } from './src/site/sidebar.ts';
import { deployOutputs } from './src/site/integrations/deploy.ts';
import { pgliteDataDir } from './src/site/integrations/pglite-data-dir.ts';
import { nextStep } from './src/site/integrations/next-step.ts';
import { siteUrl, siteUrlCheck } from './src/site/integrations/site-url.ts';
import { CROSS_ORIGIN_ISOLATION } from './src/course/deploy-headers.ts';
import { implPlugin, solutionLayouts } from './src/course/impl-plugin.ts';
import { coursePaths } from './src/course/paths.ts';
import { courseAliases } from './src/course/aliases.ts';
import { courseSettings } from './src/course/settings.ts';
import { leftOut } from './src/course/offering.ts';
import { leftOutPrefixes } from './src/site/course-links.ts';
import { courseLinks } from './src/site/integrations/course-links.ts';
import { LANG_TAG } from './src/course/locale.ts';
import { translatedImports } from './src/site/integrations/translated-imports.ts';
import { searchOnOpen, sucraseUncheckedOptions } from './src/site/integrations/stand-ins.ts';

// The teacher's settings for this instance (course.json; README, "For teachers").
const course = courseSettings(coursePaths());
const leftOutPages = leftOutPrefixes(leftOut(coursePaths(), course));

export default defineConfig({
  srcDir: './src/site',
  // Where the course will be served (README, "For teachers"); unset, canonical links, og:url and the sitemap are left out.
  site: siteUrl(),
  // The path the site lives under (`/<repo>/` for a GitHub Pages project site).
  base: course.base,
  // Lab pages must be cross-origin isolated for the full-Node runner; dev and preview send the same headers as deployments.
  server: { headers: { ...CROSS_ORIGIN_ISOLATION } },
  // The dev toolbar floats over the lab page's editor and results; the course has no use for it.
  devToolbar: { enabled: false },
  vite: {
    build: {
      // The lab page's editor and the grading worker are over Vite's 500 kB (minified) warning; `npm run bench`
      // holds them to the course's gzip budgets instead, so this warning would only repeat itself on every build.
      chunkSizeWarningLimit: 1000,
      rolldownOptions: {
        onwarn(warning, warn) {
          // Astro marks MDX modules with "use astro:head-inject" and reads the mark itself before bundling; the
          // bundler's notice that it drops the directive is harmless (withastro/astro#18087).
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
    // Chapter figures run the labs' solutions at build time; their `@impl/…` imports resolve as the grader's do.
    // Translated pages (content/zh-cn/) import what their English pages import, relative to the English page.
    // Pagefind's search UI loads when a reader opens search, not on every page at idle.
    plugins: [implPlugin(solutionLayouts(coursePaths())), translatedImports(coursePaths().content), searchOnOpen()],
    // …and the lab fixtures they read (the HTTPS chapter's RFC 8448 trace and recorded session) import the lab kit.
    resolve: { alias: courseAliases(coursePaths().root) },
    // Module workers, so the grading worker can load fast-check only for the labs whose tests use it.
    worker: { format: 'es', plugins: () => [sucraseUncheckedOptions()] },
    // The grading worker's dependencies, pre-bundled up front: discovered late, they make the dev server reload the page mid-run.
    optimizeDeps: {
      include: ['@vitest/expect', '@vitest/runner', '@vitest/utils/display', 'chai', 'es-module-lexer/minimal/js', 'fast-check', 'sucrase', 'fflate', 'idb-keyval'],
      // PGlite finds its .wasm and .data files next to its own module (new URL(…, import.meta.url)): pre-bundling would move it away from them.
      exclude: ['@electric-sql/pglite'],
    },
  },
  integrations: [
    deployOutputs(),
    // The inventory lab's database, initialised at build time so the browser worker need not run initdb.
    pgliteDataDir(),
    // Markdown links are left as written by Astro: this gives root-relative ones the base, and unlinks left-out pages.
    courseLinks({ base: course.base, leftOutPages }),
    nextStep(),
    siteUrlCheck(),
    starlight({
      title: course.title,
      // The course's own 404 page is src/site/pages/404.astro (see there why).
      disable404Route: true,
      description: 'Follow one request across the internet, and build each piece of it in TypeScript.',
      // English at the root, Chinese under /zh-cn/ (content/zh-cn/, same file names); Starlight's own UI strings come in both.
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: LANG_TAG.en },
        'zh-cn': { label: '简体中文', lang: LANG_TAG['zh-cn'] },
      },
      sidebar: [
        { label: 'Start here', translations: { [LANG_TAG['zh-cn']]: '从这里开始' }, items: pagesIn('./content', 'guides') },
        { label: 'The journey', translations: { [LANG_TAG['zh-cn']]: '旅程' }, items: coursePagesIn(coursePaths()) },
        // Starlight adds the base to this link itself; route-data.ts points it at /zh-cn/labs/ on Chinese pages.
        { label: 'Labs', translations: { [LANG_TAG['zh-cn']]: '实验' }, link: '/labs/' },
      ],
      // Chapters live outside src/content/docs; let Starlight's Markdown features (asides, heading links) reach them.
      markdown: { processedDirs: ['./content'] },
      customCss: ['./src/site/styles/course.css'],
      routeMiddleware: './src/site/route-data.ts',
      components: { Sidebar: './src/site/components/overrides/Sidebar.astro' },
      head: [
        // A table, code block or figure wider than the screen scrolls sideways; make it reachable by keyboard too
        // (axe: scrollable-region-focusable). Starlight and Expressive Code leave such regions unfocusable; figures that
        // label their own scrolling region (.fig-focus) are left alone.
        {
          tag: 'script',
          attrs: { type: 'module' },
          content:
            "const mark = () => document.querySelectorAll('.sl-markdown-content table, .sl-markdown-content pre, .sl-markdown-content .fig-scroll:not(.fig-focus)').forEach((t) => { if (t.scrollWidth > t.clientWidth) t.tabIndex = 0; else t.removeAttribute('tabindex'); }); mark(); addEventListener('resize', mark);",
        },
      ],
    }),
  ],
});
