import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialType } from 'n8n-workflow';

import { instantiateExports } from './moduleClasses';
import { PACKAGE_ROOT } from './paths';

let loaded: Map<string, ICredentialType> | undefined;

/** This package's credential types, from source (credentials/*.credentials.ts), by type name. */
export function packageCredentialTypes(): Map<string, ICredentialType> {
	if (loaded) return loaded;
	loaded = new Map();
	const folder = join(PACKAGE_ROOT, 'credentials');
	for (const file of readdirSync(folder).filter((name) => name.endsWith('.credentials.ts'))) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const moduleExports = require(join(folder, file)) as Record<string, unknown>;
		for (const type of instantiateExports(moduleExports, isCredentialType)) loaded.set(type.name, type);
	}
	return loaded;
}

export function getCredentialType(name: string): ICredentialType {
	const type = packageCredentialTypes().get(name);
	if (!type) {
		throw new Error(`harness: unknown credential type "${name}" (known: ${[...packageCredentialTypes().keys()].join(', ')})`);
	}
	return type;
}

function isCredentialType(value: unknown): value is ICredentialType {
	const candidate = value as Partial<ICredentialType>;
	return typeof candidate?.name === 'string' && Array.isArray(candidate.properties);
}
