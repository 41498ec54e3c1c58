import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { n8n } from '../../package.json';

/**
 * Every text of a parameter a person reads (label, description, placeholder, hint, action), with
 * those of its options and sub-fields.
 */
export function visibleTexts(property: object): string[] {
	const fields = property as Record<string, unknown>;
	const own = ['displayName', 'description', 'placeholder', 'hint', 'action'].map((key) => fields[key]).filter((value): value is string => typeof value === 'string');
	const nested = [fields.options, fields.values].flatMap((list) => (Array.isArray(list) ? (list as object[]) : []));
	return [...own, ...nested.flatMap(visibleTexts)];
}

/** The description of every node the package ships, loaded from its source as package.json lists it. */
export function shippedNodeDescriptions(): INodeTypeDescription[] {
	return n8n.nodes.map((built) => {
		const source = built.replace(/^dist\//, '../../').replace(/\.js$/, '');
		const module = require(source) as Record<string, new () => INodeType>;
		const className = source.split('/').pop()!.replace('.node', '');
		return new module[className]().description;
	});
}
