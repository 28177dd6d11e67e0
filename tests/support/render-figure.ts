/**
 * Renders a course component to HTML as a page in a given language would (Astro's container API), for the
 * `*.render.test.ts` files: `Astro.currentLocale` comes from the request's path, as on the built site.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { localePrefix, type Locale } from '../../src/course/locale.ts';

type Component = Parameters<AstroContainer['renderToString']>[0];

let container: Promise<AstroContainer> | undefined;

/** The component's HTML on a page of `locale`, with `props`. */
export async function renderFigure(component: Component, locale: Locale, props: Record<string, unknown> = {}): Promise<string> {
  container ??= AstroContainer.create({
    manifest: {
      i18n: {
        defaultLocale: 'en',
        locales: ['en', { path: 'zh-cn', codes: ['zh-CN'] }],
        strategy: 'pathname-prefix-other-locales',
        fallback: undefined,
        fallbackType: 'rewrite',
        domainLookupTable: {},
        domains: undefined,
      },
    } as NonNullable<Parameters<typeof AstroContainer.create>[0]>['manifest'],
  });
  return (await container).renderToString(component, { props, request: new Request(`http://localhost/${localePrefix(locale)}chapters/figure/`) });
}

/** The text a reader sees or hears in rendered HTML: element text and the aria-label, title and alt attributes, without tags, scripts and styles. */
export function readerText(html: string): string {
  const attributes = [...html.matchAll(/\s(?:aria-label|title|alt|placeholder)="([^"]*)"/g)].map((m) => m[1]);
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ');
  return [text, ...attributes].join(' ').replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}
