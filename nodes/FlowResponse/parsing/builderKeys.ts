/**
 * Flow builders generate field names like `screen_1_TextInput_1` or `screen_0_First_name_0` and
 * option ids like `0_Yes`. Folding turns them into readable names (`text_input`, `first_name`)
 * and values (`Yes`), keeping a numbered name where two fields would collide.
 */

const BUILDER_KEY = /^screen_\d+_(.+?)_\d+$/;
const OPTION_ID = /^\d+_(.+)$/;

export function readableName(key: string): string {
	const match = BUILDER_KEY.exec(key);
	if (!match) return key;
	return match[1]
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.replace(/[^A-Za-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '')
		.toLowerCase();
}

export function readableValue(value: unknown): unknown {
	if (typeof value === 'string') {
		const match = OPTION_ID.exec(value);
		return match ? match[1] : value;
	}
	if (Array.isArray(value)) return value.map(readableValue);
	return value;
}

export function foldBuilderKeys(response: Record<string, unknown>): Record<string, unknown> {
	const folded: Record<string, unknown> = {};
	const used = new Map<string, number>();
	for (const [key, value] of Object.entries(response)) {
		const isBuilderKey = BUILDER_KEY.test(key);
		let name = readableName(key);
		const seen = used.get(name) ?? 0;
		used.set(name, seen + 1);
		if (seen > 0) name = `${name}_${seen + 1}`;
		folded[name] = isBuilderKey ? readableValue(value) : value;
	}
	return folded;
}
