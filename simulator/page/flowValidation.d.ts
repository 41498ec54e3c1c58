// Types of the page module of the same name (plain JS for the browser), for the tests.
export function fieldError(component: Record<string, unknown>, value: unknown): string | undefined;
export function calendarDateProblem(component: Record<string, unknown>, date: unknown): string | undefined;
