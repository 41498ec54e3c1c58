// Flow JSON's dynamic values, without the DOM: `${data.x}`, `${form.x}` and `${screen.ID.form.x}`
// bindings, the nested expressions in backticks (Flow JSON 6.0+: `'Hi ' ${form.name}`, math,
// comparisons), `If` conditions and the `Switch` branch to show. `lookup(scope, path)` reads a
// value, `path` being the dotted rest of the reference.

const REFERENCE = /\$\{(data|form|screen)\.([^}]+)\}/g;
const WHOLE_REFERENCE = /^\$\{(data|form|screen)\.([^}]+)\}$/;
const NESTED = /^`([\s\S]*)`$/;

/** A property value with its bindings filled in; a whole-string reference keeps its type (arrays, media). */
export function resolveBindings(value, lookup) {
	if (typeof value === 'string') {
		const whole = WHOLE_REFERENCE.exec(value);
		if (whole) return lookup(whole[1], whole[2]);
		const nested = NESTED.exec(value);
		if (nested) return evaluateExpression(nested[1], lookup);
		return value.replace(REFERENCE, (_, scope, path) => {
			const resolved = lookup(scope, path);
			return resolved == null ? '' : String(resolved);
		});
	}
	if (Array.isArray(value)) return value.map((item) => resolveBindings(item, lookup));
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveBindings(item, lookup)]));
	return value;
}

/** An `If` condition: false when it does not parse (WhatsApp refuses such a Flow at upload). */
export function evaluateCondition(source, lookup) {
	try {
		return Boolean(evaluateExpression(String(source ?? ''), lookup));
	} catch {
		return false;
	}
}

/** The components a `Switch` shows: the case named by its value, none when no case matches. */
export function switchBranch(component, lookup) {
	const value = resolveBindings(component.value, lookup);
	return component.cases?.[String(value)] ?? [];
}

const TOKEN = /\s*(\$\{[^}]+\}|'[^']*'|"[^"]*"|\d+(?:\.\d+)?|==|!=|>=|<=|&&|\|\||[-+*/%!()<>]|true|false)/y;

function tokenize(source) {
	const tokens = [];
	TOKEN.lastIndex = 0;
	while (TOKEN.lastIndex < source.length) {
		if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
		const at = TOKEN.lastIndex;
		const match = TOKEN.exec(source);
		if (!match) throw new Error(`unexpected "${source.slice(at, at + 10)}"`);
		tokens.push(match[1]);
	}
	return tokens;
}

/**
 * `||` over `&&` over comparisons over `+ -` over `* / %` over `!`, unary `-` and operands; two
 * operands side by side concatenate as strings (`'Hello ' ${form.name}`).
 */
export function evaluateExpression(source, lookup) {
	const tokens = tokenize(source);
	let position = 0;
	const peek = () => tokens[position];
	const next = () => tokens[position++];
	const startsOperand = (token) => token !== undefined && (token === '(' || token === '!' || /^(\$\{|'|"|\d|true$|false$)/.test(token));
	const operand = () => {
		const token = next();
		if (token === '(') {
			const value = or();
			if (next() !== ')') throw new Error('missing )');
			return value;
		}
		if (token === '!') return !operand();
		if (token === '-') return -operand();
		if (token === 'true' || token === 'false') return token === 'true';
		if (token && /^['"]/.test(token)) return token.slice(1, -1);
		if (token && /^\d/.test(token)) return Number(token);
		const reference = WHOLE_REFERENCE.exec(token ?? '');
		if (reference) return lookup(reference[1], reference[2]);
		throw new Error(`unexpected ${token ?? 'end'}`);
	};
	const joined = () => {
		let value = operand();
		while (startsOperand(peek())) value = `${value ?? ''}${operand() ?? ''}`;
		return value;
	};
	// One precedence level: operands of the next-higher level, combined left to right by this
	// level's operators.
	const level = (higher, operations) => () => {
		let left = higher();
		while (Object.hasOwn(operations, peek() ?? '')) {
			const combine = operations[next()];
			left = combine(left, higher());
		}
		return left;
	};
	const product = level(joined, {
		'*': (left, right) => Number(left) * Number(right),
		'/': (left, right) => Number(left) / Number(right),
		'%': (left, right) => Number(left) % Number(right),
	});
	const sum = level(product, {
		'+': (left, right) => Number(left) + Number(right),
		'-': (left, right) => Number(left) - Number(right),
	});
	// Loose equality on purpose: form values are strings, literals in conditions often numbers.
	/* eslint-disable eqeqeq */
	const comparison = level(sum, {
		'==': (left, right) => left == right,
		'!=': (left, right) => left != right,
		'>': (left, right) => left > right,
		'<': (left, right) => left < right,
		'>=': (left, right) => left >= right,
		'<=': (left, right) => left <= right,
	});
	/* eslint-enable eqeqeq */
	const and = level(comparison, { '&&': (left, right) => Boolean(left) && Boolean(right) });
	const or = level(and, { '||': (left, right) => Boolean(left) || Boolean(right) });
	const value = or();
	if (position < tokens.length) throw new Error(`unexpected ${tokens[position]}`);
	return value;
}
