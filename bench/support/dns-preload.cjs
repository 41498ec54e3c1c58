/**
 * Loaded with `node --require` into ONE benchmark n8n process: resolves the host names listed in
 * CHATFLOW_FAKE_HOSTS ("graph.facebook.com=127.77.0.1,other=127.77.0.2") to the given loopback
 * addresses, for this process only. Nothing global changes (no /etc/hosts edit). Both the
 * callback and the promise API are patched; every other name resolves as usual.
 */
'use strict';
const dns = require('node:dns');

const table = new Map(
	String(process.env.CHATFLOW_FAKE_HOSTS || '')
		.split(',')
		.map((entry) => entry.trim().split('='))
		.filter((pair) => pair.length === 2 && pair[0] && pair[1])
		.map(([host, address]) => [host.toLowerCase(), address]),
);

if (table.size > 0) {
	const originalLookup = dns.lookup;
	const answer = (address, options) => {
		const all = typeof options === 'object' && options !== null && options.all;
		return all ? [{ address, family: 4 }] : { address, family: 4 };
	};
	dns.lookup = function lookup(hostname, options, callback) {
		const address = table.get(String(hostname).toLowerCase());
		if (!address) return originalLookup.apply(this, arguments);
		const done = typeof options === 'function' ? options : callback;
		const result = answer(address, options);
		process.nextTick(() => (Array.isArray(result) ? done(null, result) : done(null, result.address, result.family)));
		return {};
	};
	const originalPromiseLookup = dns.promises.lookup;
	dns.promises.lookup = async function lookup(hostname, options) {
		const address = table.get(String(hostname).toLowerCase());
		if (!address) return originalPromiseLookup.call(this, hostname, options);
		return answer(address, options);
	};
}
