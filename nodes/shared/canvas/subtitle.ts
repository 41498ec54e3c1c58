import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The subtitle under a node on the canvas: the chosen operation's action as the node picker shows
 * it ("Send reply buttons"), not its internal values ("sendButtons: message"). Built from the
 * node's own Operation options, so a new operation needs no change here; a node without
 * resources has resource "".
 */
export function operationSubtitle(properties: INodeProperties[]): `={{${string}}}` {
	const actions: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== 'operation' || property.type !== 'options') continue;
		const resources = (property.displayOptions?.show?.resource as string[] | undefined) ?? [''];
		for (const option of (property.options ?? []) as INodePropertyOptions[]) {
			for (const resource of resources) actions[`${resource}:${String(option.value)}`] = option.action ?? option.name;
		}
	}
	return `={{ ${JSON.stringify(actions)}[($parameter["resource"] || "") + ":" + $parameter["operation"]] }}`;
}

/** A trigger's subtitle: the chosen events by the names the node shows, or "all events". */
export function eventsSubtitle(properties: INodeProperties[]): `={{${string}}}` {
	const names: Record<string, string> = {};
	const events = properties.find((property) => property.name === 'events');
	for (const event of (events?.options ?? []) as INodePropertyOptions[]) names[String(event.value)] = event.name;
	return `={{ ($parameter["events"] || []).length ? $parameter["events"].map((event) => (${JSON.stringify(names)})[event] || event).join(", ") : "all events" }}`;
}
