/**
 * RESP2, the Redis wire protocol: commands go out as arrays of bulk strings, replies come back
 * as simple strings, errors, integers, bulk strings (null = absent) or arrays of those.
 */

export type RespValue = string | number | null | RespError | RespValue[];

/** An error reply (`-ERR ...`): Redis understood the command and refused it. */
export class RespError {
	constructor(readonly message: string) {}
}

/** Encodes one command, e.g. `['SET', key, value, 'NX']`, as a RESP array of bulk strings. */
export function encodeCommand(args: readonly string[]): Buffer {
	const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
	for (const arg of args) {
		const bytes = Buffer.from(arg, 'utf8');
		parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
	}
	return Buffer.concat(parts);
}

/** Thrown when the bytes are not RESP: the connection cannot be trusted any more. */
export class RespProtocolError extends Error {}

/** Incremental reply parser: feed it socket chunks, take complete replies as they appear. */
export class RespParser {
	private buffer: Buffer = Buffer.alloc(0);

	private offset = 0;

	push(chunk: Buffer): RespValue[] {
		this.buffer = this.offset < this.buffer.length ? Buffer.concat([this.buffer.subarray(this.offset), chunk]) : chunk;
		this.offset = 0;
		const replies: RespValue[] = [];
		for (;;) {
			const start = this.offset;
			const value = this.read();
			if (value === INCOMPLETE) {
				this.offset = start;
				return replies;
			}
			replies.push(value);
		}
	}

	private read(): RespValue | typeof INCOMPLETE {
		const line = this.line();
		if (line === undefined) return INCOMPLETE;
		const kind = line[0];
		const rest = line.slice(1);
		switch (kind) {
			case '+':
				return rest;
			case '-':
				return new RespError(rest);
			case ':':
				return Number(rest);
			case '$': {
				const length = Number(rest);
				if (length < 0) return null;
				if (this.buffer.length < this.offset + length + 2) return INCOMPLETE;
				const value = this.buffer.toString('utf8', this.offset, this.offset + length);
				this.offset += length + 2;
				return value;
			}
			case '*': {
				const count = Number(rest);
				if (count < 0) return null;
				const items: RespValue[] = [];
				for (let i = 0; i < count; i++) {
					const item = this.read();
					if (item === INCOMPLETE) return INCOMPLETE;
					items.push(item);
				}
				return items;
			}
			default:
				throw new RespProtocolError(`unexpected reply type ${JSON.stringify(kind)}`);
		}
	}

	private line(): string | undefined {
		const end = this.buffer.indexOf('\r\n', this.offset);
		if (end < 0) return undefined;
		const text = this.buffer.toString('utf8', this.offset, end);
		this.offset = end + 2;
		return text;
	}
}

const INCOMPLETE = Symbol('incomplete');
