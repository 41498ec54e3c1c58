// A WhatsApp Flow as the phone shows it: screens from the Flow JSON, navigate run here,
// data_exchange sent to the Flow's endpoint by the simulator (encrypted and signed like WhatsApp),
// complete sent back as the nfm_reply message. Validation issues from the local validator show
// on top, so a broken Flow is visible before it is uploaded anywhere.
import { EXTRA_COMPONENTS, imageSource, unknownComponent } from './flowComponents.js';
import { evaluateCondition, resolveBindings, switchBranch } from './flowExpressions.js';
import { calendarDateProblem, fieldError } from './flowValidation.js';
import { h } from './render.js';
import { renderRichText } from './richText.js';

export async function openFlow({ parameters, message, contactId, host, onDone }) {
	const reference = parameters.flow_id ?? parameters.flow_name;
	const response = await fetch(`/_sim/api/flows/${encodeURIComponent(reference)}`);
	const view = await response.json();
	const flow = new FlowRunner({ view, parameters, message, contactId, host, onDone });
	if (!response.ok) return flow.fail(view.error ?? `Flow ${reference} not found`);
	await flow.start();
	return flow;
}

class FlowRunner {
	constructor({ view, parameters, message, contactId, host, onDone }) {
		Object.assign(this, { view, parameters, message, contactId, host, onDone });
		this.document = view.flowJson ?? { screens: [] };
		this.stack = [];
		this.panel = h('div', { class: 'flow-panel', role: 'dialog', 'aria-label': 'WhatsApp Flow' });
		host.append(this.panel);
	}

	get screens() {
		return this.document.screens ?? [];
	}

	get current() {
		return this.stack[this.stack.length - 1];
	}

	screenById(id) {
		return this.screens.find((screen) => screen.id === id);
	}

	fail(text) {
		this.panel.replaceChildren(this.titleBar('Flow'), h('div', { class: 'flow-body' }, h('div', { class: 'flow-issues' }, h('b', {}, 'This Flow cannot open'), h('div', {}, text))));
	}

	async start() {
		const flowAction = this.parameters.flow_action ?? 'navigate';
		if (flowAction === 'data_exchange') {
			this.renderLoading('Opening…');
			await this.exchange('INIT');
			return;
		}
		let payload = this.parameters.flow_action_payload ?? {};
		if (typeof payload === 'string') payload = JSON.parse(payload);
		let data = payload.data ?? {};
		if (typeof data === 'string') data = JSON.parse(data || '{}');
		const first = payload.screen ?? this.entryScreen();
		this.show(first, data);
	}

	entryScreen() {
		const routing = this.document.routing_model;
		if (routing) {
			const targets = new Set(Object.values(routing).flat());
			const entry = Object.keys(routing).find((id) => !targets.has(id));
			if (entry) return entry;
		}
		return this.screens[0]?.id;
	}

	show(screenId, data, keepForm = false) {
		const screen = this.screenById(screenId);
		if (!screen) return this.fail(`screen "${screenId}" is not in the Flow JSON`);
		if (keepForm && this.current?.screen.id === screenId) {
			this.current.data = { ...this.current.data, ...data };
		} else {
			this.stack.push({ screen, data: data ?? {}, form: {}, errors: {} });
		}
		this.render();
	}

	/** Expression values: `${data.x}`, `${form.x}`, `${screen.ID.form.x}`; whole-string refs keep their type. */
	lookup(scope, path) {
		let source;
		if (scope === 'data') source = this.current.data;
		else if (scope === 'form') source = this.current.form;
		else if (scope === 'screen') {
			const [screenId, inner, ...rest] = path;
			const entry = [...this.stack].reverse().find((candidate) => candidate.screen.id === screenId);
			source = entry ? entry[inner] : undefined;
			path = rest;
		}
		return path.reduce((value, key) => (value == null ? undefined : value[key]), source);
	}

	resolve(value) {
		return resolveBindings(value, this.reader);
	}

	/** `lookup` for the expression module, which passes the path as one dotted string. */
	get reader() {
		return (scope, path) => this.lookup(scope, path.split('.'));
	}

	/**
	 * The components a screen shows, containers opened: Form (whose `init-values` and
	 * `error-messages` apply to its fields), If (by its condition) and Switch (by its value).
	 */
	expand(components) {
		const shown = [];
		for (const component of components ?? []) {
			if (component.type === 'Form') {
				const initial = this.resolve(component['init-values']) ?? {};
				for (const [name, value] of Object.entries(initial)) if (this.current.form[name] === undefined) this.current.form[name] = value;
				const errors = this.resolve(component['error-messages']) ?? {};
				for (const [name, message] of Object.entries(errors)) if (message && !this.current.touched?.has(name)) this.current.errors[name] ??= message;
				shown.push(...this.expand(component.children));
			} else if (component.type === 'If') shown.push(...this.expand(this.condition(component.condition) ? component.then : component.else));
			else if (component.type === 'Switch') shown.push(...this.expand(switchBranch(component, this.reader)));
			else if (this.visible(component)) shown.push(component);
		}
		return shown;
	}

	titleBar(title) {
		const back = this.stack.length > 1;
		return h(
			'div',
			{ class: 'flow-title' },
			h('button', { class: 'flow-close', title: back ? 'Back' : 'Close', onclick: () => (back ? this.back() : this.close()) }, back ? '←' : '✕'),
			h('span', {}, title ?? ''),
			h('span', { class: 'flow-menu' }, '⋮'),
		);
	}

	renderLoading(text) {
		this.panel.replaceChildren(this.titleBar(''), h('div', { class: 'flow-body loading' }, h('div', { class: 'spinner' }), text));
	}

	render() {
		const { screen } = this.current;
		const body = h('div', { class: 'flow-body' });
		if (this.view.issues?.length) {
			body.append(
				h('details', { class: 'flow-issues', open: true }, h('summary', {}, `⚠ ${this.view.issues.length} Flow JSON issue(s) (local validator)`), ...this.view.issues.map((issue) => h('div', {}, h('code', {}, issue.path), ' ', issue.message))),
			);
		}
		let footer = null;
		for (const component of this.expand(screen.layout?.children)) {
			if (component.type === 'Footer') footer = this.footer(component);
			else {
				const element = this.component(component);
				if (element) body.append(element);
			}
		}
		const snackbar = this.current.data?.error_message ? h('div', { class: 'snackbar' }, this.current.data.error_message) : null;
		this.panel.replaceChildren(this.titleBar(this.resolve(screen.title)), body, footer ?? h('div', { class: 'flow-footer' }), snackbar ?? '');
		if (snackbar) setTimeout(() => snackbar.remove(), 4000);
	}

	visible(component) {
		return component.visible === undefined || Boolean(this.resolve(component.visible));
	}

	setValue(name, value) {
		this.current.form[name] = value;
		(this.current.touched ??= new Set()).add(name);
		if (!this.current.errors[name]) return;
		delete this.current.errors[name];
		const field = this.panel.querySelector(`[data-name="${CSS.escape(name)}"]`);
		field?.classList.remove('invalid');
		field?.querySelector('.field-error')?.remove();
	}

	field(component, control) {
		const error = this.current.errors[component.name] ?? (this.current.touched?.has(component.name) ? undefined : this.resolve(component['error-message']) || undefined);
		return h(
			'label',
			{ class: `field${error ? ' invalid' : ''}`, 'data-name': component.name },
			component.label ? h('span', { class: 'field-label' }, this.resolve(component.label), component.required ? '' : h('span', { class: 'optional' }, ' (optional)')) : null,
			control,
			error ? h('span', { class: 'field-error' }, error) : component['helper-text'] ? h('span', { class: 'helper' }, this.resolve(component['helper-text'])) : null,
		);
	}

	component(component) {
		const form = this.current.form;
		const name = component.name;
		if (name !== undefined && form[name] === undefined && component['init-value'] !== undefined) form[name] = this.resolve(component['init-value']);
		const text = (value) => (Array.isArray(value) ? value.join('\n') : value);
		switch (component.type) {
			case 'TextHeading':
				return h('h2', { class: 'flow-heading' }, text(this.resolve(component.text)));
			case 'TextSubheading':
				return h('h3', { class: 'flow-subheading' }, text(this.resolve(component.text)));
			case 'TextBody':
			case 'TextCaption':
				return this.styledText(component, component.type === 'TextBody' ? 'flow-text' : 'flow-caption');
			case 'Image':
				return h('img', { class: 'flow-image', src: imageSource(this.resolve(component.src)), alt: component['alt-text'] ?? '', width: component.width, height: component.height, style: component['aspect-ratio'] ? `aspect-ratio: ${component['aspect-ratio']}; object-fit: ${component['scale-type'] ?? 'contain'}` : undefined });
			case 'TextInput': {
				const types = { number: 'number', email: 'email', password: 'password', passcode: 'password', phone: 'tel' };
				const input = h('input', { type: types[component['input-type']] ?? 'text', name, value: form[name] ?? '', maxlength: component['max-chars'], pattern: component.pattern, disabled: component.enabled === false, oninput: (event) => this.setValue(name, event.target.value) });
				return this.field(component, input);
			}
			case 'TextArea': {
				const area = h('textarea', { name, rows: 3, maxlength: component['max-length'], disabled: component.enabled === false, oninput: (event) => this.setValue(name, event.target.value) }, form[name] ?? '');
				return this.field(component, area);
			}
			case 'Dropdown': {
				const options = this.resolve(component['data-source']) ?? [];
				const select = h(
					'select',
					{ name, disabled: component.enabled === false, onchange: (event) => this.choose(component, event.target.value, true) },
					h('option', { value: '' }, 'Select'),
					...options.map((option) => h('option', { value: option.id, selected: form[name] === option.id, disabled: option.enabled === false }, option.title)),
				);
				return this.field(component, select);
			}
			case 'RadioButtonsGroup':
			case 'CheckboxGroup': {
				const multiple = component.type === 'CheckboxGroup';
				const options = this.resolve(component['data-source']) ?? [];
				const group = h(
					'div',
					{ class: 'choices' },
					...options.map((option) => {
						const checked = multiple ? (form[name] ?? []).includes(option.id) : form[name] === option.id;
						const input = h('input', {
							type: multiple ? 'checkbox' : 'radio',
							name,
							value: option.id,
							checked,
							disabled: option.enabled === false,
							onchange: (event) => {
								if (multiple) {
									const set = new Set(form[name] ?? []);
									if (event.target.checked) set.add(option.id);
									else set.delete(option.id);
									this.setValue(name, [...set]);
								} else {
									this.setValue(name, option.id);
								}
								const action = event.target.checked ? component['on-select-action'] : component['on-unselect-action'];
								if (action) this.run(action);
								else this.render();
							},
						});
						return h('label', { class: 'choice' }, option.image ? h('img', { class: 'choice-image', src: imageSource(option.image), alt: option['alt-text'] ?? '' }) : null, h('span', { class: 'choice-text' }, option.title, option.description ? h('small', {}, option.description) : null, option.metadata ? h('small', {}, option.metadata) : null), input);
					}),
				);
				return this.field(component, group);
			}
			case 'DatePicker': {
				const rules = { 'unavailable-dates': this.resolve(component['unavailable-dates']) };
				const date = h('input', {
					type: 'date',
					name,
					value: form[name] ?? '',
					min: this.resolve(component['min-date']),
					max: this.resolve(component['max-date']),
					disabled: component.enabled === false,
					onchange: (event) => {
						const problem = calendarDateProblem(rules, event.target.value);
						if (!problem) return this.choose(component, event.target.value, true);
						event.target.value = '';
						this.toast(problem);
					},
				});
				return this.field(component, date);
			}
			case 'OptIn': {
				const box = h('input', { type: 'checkbox', name, checked: Boolean(form[name]), onchange: (event) => this.choose(component, event.target.checked, event.target.checked) });
				const error = this.current.errors[name];
				const more = component['on-click-action'] ? h('a', { class: 'flow-link', href: '#', onclick: (event) => (event.preventDefault(), this.run(component['on-click-action'])) }, 'Read more') : null;
				return h('label', { class: `optin${error ? ' invalid' : ''}`, 'data-name': name }, box, h('span', {}, this.resolve(component.label), more ? ' ' : null, more), error ? h('span', { class: 'field-error' }, error) : null);
			}
			case 'EmbeddedLink':
				return h('a', { class: 'flow-link', href: '#', onclick: (event) => (event.preventDefault(), this.run(component['on-click-action'])) }, this.resolve(component.text));
			default:
				return EXTRA_COMPONENTS[component.type]?.(this, component) ?? unknownComponent(component);
		}
	}

	/** TextBody and TextCaption: `markdown: true` (Flow JSON 5.1+) or `font-weight` and `strikethrough`. */
	styledText(component, className) {
		const value = this.resolve(component.text);
		if (component.markdown) return h('div', { class: `${className} flow-rich-text` }, renderRichText(value));
		const weight = { bold: 'font-weight: 600', italic: 'font-style: italic', bold_italic: 'font-weight: 600; font-style: italic' }[component['font-weight']];
		const style = [weight, component.strikethrough ? 'text-decoration: line-through' : undefined].filter(Boolean).join('; ');
		return h('p', { class: className, style: style || undefined }, Array.isArray(value) ? value.join('\n') : value);
	}

	/** A new value from a picker; its on-select (or on-unselect) action runs, else the screen redraws for If/visible. */
	choose(component, value, selected) {
		this.setValue(component.name, value);
		const action = selected ? component['on-select-action'] : component['on-unselect-action'];
		if (action) this.run(action);
		else this.render();
	}

	footer(component) {
		const button = h('button', { class: 'flow-cta', disabled: this.resolve(component.enabled) === false, onclick: () => this.submit(component['on-click-action']) }, this.resolve(component.label));
		const captions = ['left-caption', 'center-caption', 'right-caption'].filter((key) => component[key]).map((key) => h('span', { class: key }, this.resolve(component[key])));
		return h('div', { class: 'flow-footer' }, captions.length ? h('div', { class: 'flow-captions' }, ...captions) : null, button, h('div', { class: 'flow-managed' }, 'Managed by the business. ', h('a', { href: '#', onclick: (event) => event.preventDefault() }, 'Learn more')));
	}

	/** Required inputs (those on screen) must be filled, and counts and patterns met, before the footer's action runs. */
	validate() {
		const errors = {};
		for (const component of this.expand(this.current.screen.layout?.children)) {
			if (!component.name) continue;
			const error = fieldError(component, this.current.form[component.name]);
			if (error) errors[component.name] = error;
		}
		this.current.errors = errors;
		return Object.keys(errors).length === 0;
	}

	async submit(action) {
		if (!this.validate()) return this.render();
		await this.run(action);
	}

	async run(action) {
		if (!action) return;
		const payload = this.resolve(action.payload ?? {});
		if (action.name === 'navigate') this.show(action.next?.name, payload);
		else if (action.name === 'data_exchange') await this.exchange('data_exchange', payload);
		else if (action.name === 'complete') await this.complete({ ...payload, flow_token: this.parameters.flow_token ?? 'unused' }, this.maskedKeys(action.payload));
		else if (action.name === 'update_data') {
			Object.assign(this.current.data, payload);
			this.render();
		} else if (action.name === 'open_url') window.open(action.url, '_blank', 'noopener');
		else this.toast(`The action "${action.name}" is not supported by the simulator`);
	}

	async exchange(kind, data) {
		const footer = this.panel.querySelector('.flow-cta');
		if (footer) footer.classList.add('busy');
		const screen = kind === 'INIT' ? undefined : this.current?.screen.id;
		const response = await fetch('/_sim/api/flows/exchange', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ flowId: this.view.id, flowToken: this.parameters.flow_token ?? 'unused', action: kind, screen, data }),
		});
		const result = await response.json();
		if (footer) footer.classList.remove('busy');
		if (result.error || !result.answer) {
			this.toast(result.error ?? 'The endpoint did not answer');
			if (!this.current) this.fail(result.error ?? 'The endpoint did not answer');
			return;
		}
		const answer = result.answer;
		if (answer.screen === 'SUCCESS') {
			await this.complete(answer.data?.extension_message_response?.params ?? { flow_token: this.parameters.flow_token });
			return;
		}
		if (answer.screen) this.show(answer.screen, answer.data ?? {}, answer.screen === this.current?.screen.id);
		else if (answer.data?.error_message) this.toast(answer.data.error_message);
	}

	async back() {
		this.stack.pop();
		if (this.current.screen.refresh_on_back) await this.exchange('BACK');
		else this.render();
	}

	toast(text) {
		const snackbar = h('div', { class: 'snackbar' }, text);
		this.panel.append(snackbar);
		setTimeout(() => snackbar.remove(), 5000);
	}

	async complete(response, masked = []) {
		this.renderLoading('Sending…');
		await fetch('/_sim/api/flows/complete', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ contactId: this.contactId, replyTo: this.message.id, response, masked }),
		});
		this.close();
	}

	/**
	 * Keys of a complete payload that carry a field a screen lists as `sensitive` (Flow JSON 5.1+):
	 * WhatsApp sends their values to the business but hides them in the chat's summary of the
	 * answer. A key counts when its value is `${form.x}` or `${screen.S.form.x}` of such a field.
	 */
	maskedKeys(payload) {
		const sensitive = new Set(this.screens.flatMap((screen) => (screen.sensitive ?? []).map((name) => `${screen.id}.${name}`)));
		if (sensitive.size === 0) return [];
		const current = this.current?.screen.id;
		return Object.entries(payload ?? {})
			.filter(([, value]) => {
				const match = /^\$\{(?:screen\.([A-Za-z0-9_]+)\.)?form\.([A-Za-z0-9_]+)\}$/.exec(String(value));
				return match !== null && sensitive.has(`${match[1] ?? current}.${match[2]}`);
			})
			.map(([key]) => key);
	}

	close() {
		this.panel.remove();
		this.onDone?.();
	}

	/** `If` conditions: ${…} refs, literals, == != > < >= <= && || !, math and parentheses. */
	condition(expression) {
		return evaluateCondition(expression, this.reader);
	}
}
