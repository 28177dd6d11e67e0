/**
 * Stands in for Sucrase's own `Options` module in the grading worker (see
 * site/integrations/stand-ins.ts). Sucrase checks the options it is given against
 * a runtime type description, through ts-interface-checker: some 4 kB gzip of
 * the worker's download spent checking the one constant set of options
 * module-graph.ts passes, which the type checker already checks.
 */
export function validateOptions(): void {}
