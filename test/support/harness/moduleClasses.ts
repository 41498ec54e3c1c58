/**
 * The instances of every class a module exports whose instances satisfy `accept`: how n8n finds
 * node and credential types in a package file, without knowing the class name in advance.
 */
export function instantiateExports<T>(moduleExports: Record<string, unknown>, accept: (value: unknown) => value is T): T[] {
	const found: T[] = [];
	for (const exported of Object.values(moduleExports)) {
		if (typeof exported !== 'function' || !exported.prototype) continue;
		let instance: unknown;
		try {
			instance = new (exported as new () => unknown)();
		} catch {
			continue; // a helper class needing constructor arguments, not a type
		}
		if (accept(instance)) found.push(instance);
	}
	return found;
}
