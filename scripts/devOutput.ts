import { Writable } from 'node:stream';

/**
 * What `npm run dev` shows of n8n's own output: everything n8n says (its warnings, deprecations,
 * errors) except the database migrations, 500+ lines on a new dev folder, which become one
 * line. The full output still goes to n8n's log file (N8nInstance writes it).
 */
const MIGRATION_STEP = /^(Starting|Finished) migration \S+\s*$/;
/** Notes a migration prints about itself: "[MoveSshKeysToDatabase1711390882123] No SSH keys …" */
const MIGRATION_NOTE = /^\[[A-Za-z]+\d{13}\] /;
const MIGRATIONS_START = /^Migrations in progress/;

export function quietN8nOutput(out: NodeJS.WritableStream, log: (line: string) => void): Writable {
	let partial = '';
	const show = (line: string) => {
		if (MIGRATIONS_START.test(line)) log('n8n is setting up its database (once per dev folder, about a minute) …');
		else if (!MIGRATION_STEP.test(line) && !MIGRATION_NOTE.test(line)) out.write(`${line}\n`);
	};
	return new Writable({
		write(chunk: Buffer, _encoding, done) {
			const lines = (partial + chunk.toString()).split('\n');
			partial = lines.pop() ?? '';
			lines.forEach(show);
			done();
		},
		final(done) {
			if (partial) show(partial);
			done();
		},
	});
}
