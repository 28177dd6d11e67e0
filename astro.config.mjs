// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { pagesIn } from './src/site/sidebar.ts';
import { deployOutputs } from './src/site/integrations/deploy.ts';
import { CROSS_ORIGIN_ISOLATION } from './src/course/deploy-headers.ts';
import { implPlugin, solutionLayouts } from './src/course/impl-plugin.ts';
import { coursePaths } from './src/course/paths.ts';

export default defineConfig({
  srcDir: './src/site',
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  // Lab pages must be cross-origin isolated for the full-Node runner; dev and preview send the same headers as deployments.
  server: { headers: { ...CROSS_ORIGIN_ISOLATION } },
  vite: {
    // Chapter figures run the labs' solutions at build time; their `@impl/…` imports resolve as the grader's do.
    plugins: [implPlugin(solutionLayouts(coursePaths()))],
    // The grading worker's dependencies, pre-bundled up front: discovered late, they make the dev server reload the page mid-run.
    optimizeDeps: {
      include: ['@vitest/expect', '@vitest/runner', '@vitest/utils/display', 'chai', 'es-module-lexer/js', 'fast-check', 'sucrase', 'fflate', 'idb-keyval'],
    },
  },
  integrations: [
    deployOutputs(),
    starlight({
      title: 'Packet Journey',
      description: 'Follow one request across the internet, and build each piece of it in TypeScript.',
      sidebar: [
        { label: 'Start here', items: pagesIn('./content', 'guides') },
        { label: 'The journey', items: pagesIn('./content', 'chapters') },
        { label: 'Labs', link: '/labs/' },
      ],
      // Chapters live outside src/content/docs; let Starlight's Markdown features (asides, heading links) reach them.
      markdown: { processedDirs: ['./content'] },
      customCss: ['./src/site/styles/course.css'],
      components: { Sidebar: './src/site/components/overrides/Sidebar.astro' },
      head: [
        // A table or code block wider than the screen scrolls sideways; make it reachable by keyboard too
        // (axe: scrollable-region-focusable). Starlight and Expressive Code leave such regions unfocusable.
        {
          tag: 'script',
          attrs: { type: 'module' },
          content:
            "const mark = () => document.querySelectorAll('.sl-markdown-content table, .sl-markdown-content pre').forEach((t) => { if (t.scrollWidth > t.clientWidth) t.tabIndex = 0; else t.removeAttribute('tabindex'); }); mark(); addEventListener('resize', mark);",
        },
      ],
    }),
  ],
});
