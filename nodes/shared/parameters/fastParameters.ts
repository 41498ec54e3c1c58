import type { IExecuteFunctions, IGetNodeParameterOptions, INodeProperties, NodeParameterValueType } from 'n8n-workflow';

import { parseFieldTemplate, renderFieldTemplate, type FieldTemplate } from './fieldTemplate';

type GetNodeParameter = (name: string, itemIndex: number, fallbackValue?: unknown, options?: IGetNodeParameterOptions) => unknown;

/** How one parameter is read for every item of the run, decided on first use. */
type Plan =
	| { kind: 'constant'; value?: { ok: unknown } }
	| { kind: 'fields'; template: FieldTemplate }
	| { kind: 'n8n' };

/**
 * The node's execute context with a faster `getNodeParameter`, for action nodes that read the
 * same parameters for thousands of items. The answer is always the one n8n would give:
 *
 * - A parameter with no expression anywhere in it has the same value for every item: n8n
 *   resolves it once (defaults, resource-locator extraction and validation included) and later
 *   items get a copy.
 * - A string parameter that is only field references (`={{ $json.to }}`, `=Hi {{ $json.name }}`)
 *   is filled from the item's JSON when every referenced value is a string; otherwise, and for
 *   every other expression, n8n evaluates it as usual.
 *
 * Everything else on the context is n8n's own, bound to it.
 */
export function withFastParameters<T extends IExecuteFunctions>(ctx: T, properties: INodeProperties[]): T {
	const slow = ctx.getNodeParameter.bind(ctx) as GetNodeParameter;
	// One plan per parameter and way of reading it (a resource locator's value, or the whole).
	const plans = new Map<string, Plan>();
	const planFor = (name: string, extractValue: boolean): Plan => {
		const key = extractValue ? `${name}\u0000extract` : name;
		let plan = plans.get(key);
		if (!plan) {
			plan = choosePlan(rawParameter(ctx, name), properties.filter((property) => property.name === name));
			plans.set(key, plan);
		}
		return plan;
	};

	const fast: GetNodeParameter = (name, itemIndex, fallbackValue, options) => {
		if (options !== undefined && Object.keys(options).some((key) => key !== 'extractValue')) {
			return slow(name, itemIndex, fallbackValue, options);
		}
		const plan = planFor(name, options?.extractValue === true);
		if (plan.kind === 'constant') {
			plan.value ??= { ok: slow(name, itemIndex, fallbackValue, options) };
			return copyOf(plan.value.ok);
		}
		if (plan.kind === 'fields' && !options) {
			const json = ctx.getInputData()[itemIndex]?.json;
			const text = renderFieldTemplate(plan.template, json);
			if (text !== undefined) return text;
		}
		return slow(name, itemIndex, fallbackValue, options);
	};

	const bound = new Map<PropertyKey, unknown>();
	return new Proxy(ctx, {
		get(target, key) {
			if (key === 'getNodeParameter') return fast;
			const value = Reflect.get(target, key, target) as unknown;
			if (typeof value !== 'function') return value;
			let method = bound.get(key);
			if (!method) {
				method = (value as (...args: unknown[]) => unknown).bind(target);
				bound.set(key, method);
			}
			return method;
		},
	});
}

function rawParameter(ctx: IExecuteFunctions, name: string): unknown {
	let current: unknown = ctx.getNode().parameters;
	for (const part of name.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

/** `described`: every property of the node with that name (operations may each declare their own). */
function choosePlan(raw: unknown, described: INodeProperties[]): Plan {
	// Unset: n8n falls back to the caller's default, which may differ between calls.
	if (raw === undefined) return { kind: 'n8n' };
	if (!containsExpression(raw)) return { kind: 'constant' };
	// Only plain strings: a validateType or any other parameter type has more rules than text.
	if (described.length > 0 && described.every((property) => property.type === 'string' && property.validateType === undefined)) {
		const template = parseFieldTemplate(raw);
		if (template) return { kind: 'fields', template };
	}
	return { kind: 'n8n' };
}

function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(containsExpression);
	return false;
}

/** Callers may change what they get (n8n hands out a fresh value every call). */
function copyOf(value: unknown): NodeParameterValueType | object {
	return value !== null && typeof value === 'object' ? structuredClone(value) : (value as NodeParameterValueType);
}
