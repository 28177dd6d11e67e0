/**
 * A remark step for the course's Markdown: Astro leaves `[text](/labs/dns/)`
 * as written, so under a base path (`/my-course/`) it would point outside the
 * site. Root-relative links get the base; a link to a chapter or lab this
 * instance leaves out becomes its text and a note, not a 404.
 */
import { courseHref } from '../course-links.ts';

/** The little of mdast this step reads and writes. */
interface MdNode {
  type: string;
  url?: string;
  identifier?: string;
  value?: string;
  children?: MdNode[];
  data?: { hName?: string; hProperties?: Record<string, unknown> };
}

/** The text that follows a link's words when its page is not part of this course. */
export const LEFT_OUT_NOTE = ' (not part of this course)';

/** The link's words, kept, with a note: a span rather than an anchor. */
function leftOutText(link: MdNode): MdNode {
  return {
    type: 'emphasis',
    data: { hName: 'span', hProperties: { className: ['left-out-link'], title: 'This instance of the course leaves that page out' } },
    children: [...(link.children ?? []), { type: 'text', value: LEFT_OUT_NOTE }],
  };
}

/** The remark plugin: options are the site's base and the left-out pages' path prefixes (course-links.ts). */
export function remarkCourseLinks(options: { base: string; leftOutPages: readonly string[] }) {
  const target = (url: string) => courseHref(url, options.base, options.leftOutPages);
  return (tree: MdNode): void => {
    const leftOutIds = new Set<string>();
    const visit = (node: MdNode): void => {
      if (node.type === 'definition' && node.url !== undefined) {
        const href = target(node.url);
        if (href === undefined) leftOutIds.add(node.identifier ?? '');
        else node.url = href;
      }
      node.children?.forEach(visit);
    };
    visit(tree);
    const rewrite = (node: MdNode): void => {
      node.children = node.children?.map((child) => {
        if (child.type === 'link' && child.url !== undefined) {
          const href = target(child.url);
          if (href === undefined) return leftOutText(child);
          child.url = href;
        }
        if (child.type === 'linkReference' && leftOutIds.has(child.identifier ?? '')) return leftOutText(child);
        rewrite(child);
        return child;
      });
    };
    rewrite(tree);
  };
}
