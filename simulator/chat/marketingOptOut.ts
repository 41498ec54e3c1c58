import type { SimulatorConfig } from '../config';
import { KNOWN_ERRORS, type KnownError } from '../businessAccount/errors';
import type { Contact } from './contacts';

/**
 * Meta accepts a marketing template to a person who stopped marketing messages, then reports it
 * failed with 131050. Other templates and free-form messages still reach them.
 */
export function marketingRefusal(config: SimulatorConfig, contact: Contact, sendBody: Record<string, unknown>): KnownError | undefined {
	if (!contact.marketingStopped || sendBody.type !== 'template') return undefined;
	const sent = (sendBody.template ?? {}) as { name?: string; language?: { code?: string } };
	const definition =
		config.templates.find((template) => template.name === sent.name && template.language === sent.language?.code) ??
		config.templates.find((template) => template.name === sent.name);
	if (String(definition?.category ?? '').toUpperCase() !== 'MARKETING') return undefined;
	return KNOWN_ERRORS.find((error) => error.code === 131050);
}
