/** Which npm packages a run's files import, read from their text (no parsing: a hint for what to fetch ahead, never a security check). */

/** The names among `names` that some text imports (`from 'name'`). */
export function importedPackages(names: readonly string[], texts: Iterable<string>): string[] {
  const all = [...texts];
  return names.filter((name) => {
    const from = new RegExp(`\\bfrom\\s*['"]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`);
    return all.some((text) => from.test(text));
  });
}
