// Types of the page module of the same name (plain JS for the browser), for the tests.
export type Lookup = (scope: 'data' | 'form' | 'screen', path: string) => unknown;
export function resolveBindings(value: unknown, lookup: Lookup): unknown;
export function evaluateCondition(source: unknown, lookup: Lookup): boolean;
export function evaluateExpression(source: string, lookup: Lookup): unknown;
export function switchBranch(component: { value?: unknown; cases?: Record<string, unknown[]> }, lookup: Lookup): unknown[];
