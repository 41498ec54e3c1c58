// The Flow components newer than the basic form fields, as the phone shows them: CalendarPicker
// (single and range, with its unavailable dates and days of the week), ChipsSelector,
// ImageCarousel, NavigationList, PhotoPicker and DocumentPicker (the file is encrypted and put on
// the fake CDN by the simulator, as WhatsApp does), and the placeholder for a component type this
// previewer does not know. `flow` is the runner: form values, setValue, field, resolve, run.
import { h } from './render.js';
import { calendarDateProblem } from './flowValidation.js';
import { renderRichText } from './richText.js';

export const EXTRA_COMPONENTS = {
	RichText: (flow, component) => h('div', { class: 'flow-rich-text' }, renderRichText(flow.resolve(component.text))),
	CalendarPicker: calendarPicker,
	ChipsSelector: chipsSelector,
	ImageCarousel: imageCarousel,
	NavigationList: navigationList,
	PhotoPicker: (flow, component) => mediaPicker(flow, component, 'photo'),
	DocumentPicker: (flow, component) => mediaPicker(flow, component, 'document'),
};

/** A component type unknown to the previewer: shown, named, never silently dropped. */
export function unknownComponent(component) {
	return h('div', { class: 'flow-unknown', role: 'note', 'data-type': String(component.type) }, h('b', {}, `⚠ ${component.type}`), ' is not supported by the simulator yet; WhatsApp may show it. Its properties: ', h('code', {}, Object.keys(component).filter((key) => key !== 'type').join(', ') || 'none'));
}

export function imageSource(src) {
	return /^(https?:|data:)/.test(String(src)) ? src : `data:image/png;base64,${src}`;
}

function calendarPicker(flow, component) {
	const name = component.name;
	const form = flow.current.form;
	const range = component.mode === 'range';
	const label = flow.resolve(component.label);
	const rules = { 'unavailable-dates': flow.resolve(component['unavailable-dates']), 'include-days': flow.resolve(component['include-days']) };
	const attributes = { type: 'date', min: flow.resolve(component['min-date']), max: flow.resolve(component['max-date']), disabled: component.enabled === false };
	const pick = (value, apply) => {
		const problem = calendarDateProblem(rules, value);
		if (problem) return flow.toast(problem);
		apply(value);
		if (component['on-select-action']) flow.run(component['on-select-action']);
	};
	if (!range) {
		const input = h('input', { ...attributes, name, value: form[name] ?? '', onchange: (event) => pick(event.target.value, (value) => flow.setValue(name, value)) });
		return flow.field({ ...component, label }, h('div', { class: 'calendar' }, component.title ? h('b', {}, flow.resolve(component.title)) : null, input));
	}
	const labels = typeof label === 'object' && label ? label : { 'start-date': label ?? 'Start date', 'end-date': 'End date' };
	const edge = (key) =>
		h(
			'label',
			{ class: 'calendar-edge' },
			h('span', {}, labels[key]),
			h('input', {
				...attributes,
				name: `${name}.${key}`,
				value: form[name]?.[key] ?? '',
				onchange: (event) => pick(event.target.value, (value) => flow.setValue(name, { ...(form[name] ?? {}), [key]: value })),
			}),
		);
	return flow.field({ ...component, label: component.title ? flow.resolve(component.title) : undefined }, h('div', { class: 'calendar range' }, edge('start-date'), edge('end-date')));
}

function chipsSelector(flow, component) {
	const name = component.name;
	const form = flow.current.form;
	const options = flow.resolve(component['data-source']) ?? [];
	const max = component['max-selected-items'];
	const chips = options.map((option) => {
		const selected = (form[name] ?? []).includes(option.id);
		return h(
			'button',
			{
				type: 'button',
				class: `chip${selected ? ' selected' : ''}`,
				'aria-pressed': String(selected),
				'data-id': option.id,
				disabled: option.enabled === false || component.enabled === false,
				onclick: () => {
					const set = new Set(form[name] ?? []);
					if (set.has(option.id)) set.delete(option.id);
					else if (max && set.size >= max) return flow.toast(`Select at most ${max}`);
					else set.add(option.id);
					flow.setValue(name, [...set]);
					const action = set.has(option.id) ? component['on-select-action'] : component['on-unselect-action'];
					if (action) flow.run(action);
					else flow.render();
				},
			},
			option.title,
		);
	});
	return flow.field(component, h('div', { class: 'chips' }, ...chips));
}

function imageCarousel(flow, component) {
	const images = flow.resolve(component.images) ?? [];
	const ratio = (component['aspect-ratio'] ?? '4:3').replace(':', ' / ');
	return h(
		'div',
		{ class: 'flow-carousel', 'data-scale': component['scale-type'] ?? 'contain' },
		...images.map((image) => h('img', { src: imageSource(image.src), alt: image['alt-text'] ?? '', style: `aspect-ratio: ${ratio}; object-fit: ${component['scale-type'] ?? 'contain'}` })),
	);
}

function navigationList(flow, component) {
	const items = flow.resolve(component['list-items']) ?? [];
	const text = (block) => (block ? [h('b', {}, block.title ?? ''), block.description ? h('small', {}, block.description) : null, block.metadata ? h('small', { class: 'meta-text' }, block.metadata) : null] : []);
	return h(
		'div',
		{ class: 'flow-navlist', 'data-name': component.name },
		component.label ? h('div', { class: 'field-label' }, flow.resolve(component.label)) : null,
		component.description ? h('div', { class: 'helper' }, flow.resolve(component.description)) : null,
		...items.map((item) =>
			h(
				'button',
				{
					type: 'button',
					class: 'nav-item',
					'data-id': item.id,
					onclick: () => (flow.setValue(component.name, item.id), flow.run(item['on-click-action'] ?? component['on-click-action'])),
				},
				item.start?.image ? h('img', { src: imageSource(item.start.image), alt: item.start['alt-text'] ?? '' }) : null,
				h('span', { class: 'nav-main' }, ...text(item['main-content']), item.tags?.length ? h('span', { class: 'tags' }, ...item.tags.map((tag) => h('span', { class: 'tag' }, tag))) : null),
				item.end ? h('span', { class: 'nav-end' }, ...text(item.end)) : null,
				item.badge ? h('span', { class: 'badge' }, item.badge) : null,
				h('span', { class: 'chevron' }, '›'),
			),
		),
	);
}

/** The picker's value is the list of uploads the simulator made (media_id, cdn_url, file_name, encryption_metadata). */
function mediaPicker(flow, component, kind) {
	const name = component.name;
	const form = flow.current.form;
	const uploads = form[name] ?? [];
	const max = component[kind === 'photo' ? 'max-uploaded-photos' : 'max-uploaded-documents'] ?? 30;
	const accept = kind === 'photo' ? 'image/*' : (component['allowed-mime-types'] ?? []).join(',') || undefined;
	const input = h('input', {
		type: 'file',
		name,
		accept,
		multiple: max > 1,
		disabled: component.enabled === false,
		onchange: async (event) => {
			const files = [...event.target.files];
			const limitKb = component['max-file-size-kb'];
			const added = [];
			for (const file of files) {
				if (limitKb && file.size > limitKb * 1024) {
					flow.toast(`${file.name} is larger than ${limitKb} KB`);
					continue;
				}
				const response = await fetch('/_sim/api/flows/media', { method: 'POST', headers: { 'content-type': file.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) }, body: file });
				const result = await response.json();
				if (!response.ok) flow.toast(result.error ?? `${file.name} could not be uploaded`);
				else added.push(result);
			}
			flow.setValue(name, [...(form[name] ?? []), ...added].slice(0, max));
			flow.render();
		},
	});
	const list = h(
		'ul',
		{ class: 'uploads' },
		...uploads.map((upload, index) =>
			h('li', { 'data-media-id': upload.media_id }, kind === 'photo' ? '🖼 ' : '📄 ', upload.file_name, h('button', { type: 'button', class: 'remove', title: 'Remove', onclick: () => (flow.setValue(name, uploads.filter((_, at) => at !== index)), flow.render()) }, '✕')),
		),
	);
	const description = component.description ? h('span', { class: 'helper' }, flow.resolve(component.description)) : null;
	return flow.field({ ...component, 'helper-text': undefined }, h('div', { class: `media-picker ${kind}` }, description, list, uploads.length < max ? input : null));
}
