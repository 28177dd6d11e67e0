import { describe, expect, it } from 'vitest';
import { implLayer, implName, implTsPaths, resolveImpl } from './impl-layers.ts';

const layout = { learnerDir: '/course/workspace/dns', givenDir: '/course/labs/dns/given/', learnerFiles: ['header.ts', 'name.ts'] };

describe('the @impl/ rule', () => {
  it('serves a learner file from the target and anything else from given/', () => {
    expect(implLayer('header.ts', layout.learnerFiles)).toBe('learner');
    expect(implLayer('bytes.ts', layout.learnerFiles)).toBe('given');
    expect(resolveImpl('@impl/name.ts', layout)).toBe('/course/workspace/dns/name.ts');
    expect(resolveImpl('@impl/bytes.ts', layout)).toBe('/course/labs/dns/given/bytes.ts');
  });

  it('leaves every other specifier alone', () => {
    expect(implName('./bytes.ts')).toBeUndefined();
    expect(resolveImpl('@lab-kit', layout)).toBeUndefined();
    expect(resolveImpl('impl/bytes.ts', layout)).toBeUndefined();
  });

  it('says the same to TypeScript: exact learner entries beat the given/ wildcard', () => {
    expect(implTsPaths(layout)).toEqual({
      '@impl/header.ts': ['/course/workspace/dns/header.ts'],
      '@impl/name.ts': ['/course/workspace/dns/name.ts'],
      '@impl/*': ['/course/labs/dns/given/*'],
    });
  });
});
