/**
 * Faults in queue mode with the real n8n, at a size CI can afford (`npm run bench -- faults`
 * measures the same scenarios at full size; test/e2e/faults/ describes each). Every outcome is
 * bounded: nothing is sent twice after a worker dies (the execution is marked crashed: the loss
 * is reported), a restarted Redis with its append-only file loses no waiting conversation, one
 * without its data doubles nothing (replies start over). The webhook-processor and Redis-outage
 * scenarios run in the benchmark only, until their figures are understood (docs/reliability.md).
 */
import { startFaultsLab, type FaultsLab } from './faults/lab';
import { redisRestartedWhileConversationsWait } from './faults/redisRestart';
import { workerKilledDuringSend } from './faults/workerKill';

jest.setTimeout(600_000);

let lab: FaultsLab;
const log = (message: string) => process.stderr.write(`[faults] ${message}\n`);

beforeAll(async () => (lab = await startFaultsLab(log)), 300_000);
afterAll(async () => await lab?.stop());

describe('faults in queue mode', () => {
	it('a worker killed mid send: the execution ends crashed, the unsent rest is its loss, nothing is sent twice', async () => {
		const outcome = await workerKilledDuringSend(lab, 400, log);
		expect(outcome.executionStatus).toBe('crashed');
		expect(outcome.doubled).toBe(0);
		expect(outcome.lost).toBeGreaterThan(0);
		expect(outcome.lost).toBeLessThan(400);
	});

	it('the State Store Redis restarted with its append-only file: every waiting conversation resumes', async () => {
		const outcome = await redisRestartedWhileConversationsWait(lab, { conversations: 8, persistence: true }, log);
		expect(outcome).toMatchObject({ lost: 0, doubled: 0 });
	});

	it('the State Store Redis restarted without its data: replies start over, none is doubled', async () => {
		const outcome = await redisRestartedWhileConversationsWait(lab, { conversations: 4, persistence: false }, log);
		expect(outcome.doubled).toBe(0);
		expect(outcome.lost).toBe(4);
		expect(outcome.figures?.restarted_conversation).toBe(4);
	});
});
