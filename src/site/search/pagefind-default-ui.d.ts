// Pagefind's UI package ships no types; this is the one member the course uses.
declare module '@pagefind/default-ui' {
  export class PagefindUI {
    constructor(options: { element: string } & Record<string, unknown>);
  }
}
