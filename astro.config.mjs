// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  srcDir: './src/site',
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  integrations: [
    starlight({
      title: 'Packet Journey',
      description: 'Follow one request across the internet, and build each piece of it in TypeScript.',
      sidebar: [
        { label: 'Start here', items: [{ autogenerate: { directory: 'guides' } }] },
        { label: 'The journey', items: [{ autogenerate: { directory: 'chapters' } }] },
      ],
      customCss: ['./src/site/styles/course.css'],
    }),
  ],
});
