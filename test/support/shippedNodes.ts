import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { n8n } from '../../package.json';

/** The description of every node the package ships, loaded from its source as package.json lists it. */
export function shippedNodeDescriptions(): INodeTypeDescription[] {
	return n8n.nodes.map((built) => {
		const source = built.replace(/^dist\//, '../../').replace(/\.js$/, '');
		const module = require(source) as Record<string, new () => INodeType>;
		const className = source.split('/').pop()!.replace('.node', '');
		return new module[className]().description;
	});
}
