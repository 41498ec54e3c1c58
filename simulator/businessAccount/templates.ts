import { randomInt } from 'node:crypto';

import { graphError } from '../platform/defaults';
import type { SimulatorContext } from '../context';

/**
 * Message templates of the simulated WABA (Meta's message templates API): listed from the config file with
 * `GET /{WABA}/message_templates` (filter by `name`, `status`, `language`), created with `POST`
 * (approved at once: there is no review here), deleted with `DELETE ?name=`. Template sends are
 * checked against them as the Cloud API checks them (`platform/templateSend.ts`).
 */
export function installTemplates(ctx: SimulatorContext): void {
	const templates = ctx.config.templates;
	for (const template of templates) {
		template.id ??= String(randomInt(100_000_000_000, 999_999_999_999));
		template.status ??= 'APPROVED';
	}
	// Sends are checked against these (the same list, so templates created below count too).
	ctx.platform.templates = templates;
	const path = `/:version/${ctx.config.business.wabaId}/message_templates`;

	ctx.platform.on('GET', path, (request) => {
		const { name, status, language } = request.query;
		const data = templates.filter(
			(template) =>
				(!name || String(template.name).includes(name)) &&
				(!status || template.status === status) &&
				(!language || template.language === language),
		);
		const limit = Number(request.query.limit ?? 25);
		return { json: { data: data.slice(0, limit), paging: { cursors: { before: 'QVFIUk', after: 'QVFIUl' } } } };
	});

	ctx.platform.on('POST', path, (request) => {
		const body = (request.json ?? {}) as Record<string, unknown>;
		if (typeof body.name !== 'string' || !/^[a-z0-9_]{1,512}$/.test(body.name)) {
			return graphError(100, 'Invalid parameter', 400, { error_subcode: 2388042, error_user_msg: 'name may contain lowercase letters, digits and underscores only' });
		}
		if (templates.some((template) => template.name === body.name && template.language === body.language)) {
			return graphError(100, 'Invalid parameter', 400, { error_subcode: 2388024, error_user_title: 'Content in this language already exists' });
		}
		const template = { ...body, id: String(randomInt(100_000_000_000, 999_999_999_999)), status: 'APPROVED' };
		templates.push(template);
		return { json: { id: template.id, status: 'APPROVED', category: body.category ?? 'UTILITY' } };
	});

	ctx.platform.on('DELETE', path, (request) => {
		const before = templates.length;
		for (let index = templates.length - 1; index >= 0; index--) {
			const template = templates[index];
			if (template.name === request.query.name && (!request.query.hsm_id || template.id === request.query.hsm_id)) templates.splice(index, 1);
		}
		if (templates.length === before) return graphError(100, `(#100) Template name ${request.query.name} does not exist`, 400, { error_subcode: 2593002 });
		return { json: { success: true } };
	});
}

/** The accounts a credential test or a node looks up: WABA, phone number, app subscriptions. */
export function installAccounts(ctx: SimulatorContext): void {
	const { business } = ctx.config;
	ctx.platform.on('GET', `/:version/${business.wabaId}`, () => ({ json: { id: business.wabaId, name: business.name, currency: 'USD', timezone_id: '1', message_template_namespace: 'chatflow_simulator' } }));
	ctx.platform.on('GET', `/:version/${business.wabaId}/phone_numbers`, () => ({ json: { data: [phoneNumber(ctx)] } }));
	ctx.platform.on('GET', `/:version/${business.phoneNumberId}`, () => ({ json: phoneNumber(ctx) }));
	ctx.platform.on('GET', `/:version/${business.pageId}`, () => ({ json: { id: business.pageId, name: business.name } }));
}

function phoneNumber(ctx: SimulatorContext): Record<string, unknown> {
	const { business } = ctx.config;
	return {
		verified_name: business.name,
		code_verification_status: 'VERIFIED',
		display_phone_number: `+${business.displayPhoneNumber}`,
		quality_rating: 'GREEN',
		platform_type: 'CLOUD_API',
		throughput: { level: 'STANDARD' },
		id: business.phoneNumberId,
	};
}
