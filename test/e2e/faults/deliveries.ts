import { whatsAppDelivery } from '../examples-support';
import type { Delivery } from './ackWorkflow';

/** `count` inbound text messages, each from its own contact (numbers from `firstNumber`), each with a fixed wamid. */
export function deliveriesOf(count: number, firstNumber: number, tag = 'F'): Delivery[] {
	const stamp = Date.now();
	return Array.from({ length: count }, (_, i) => {
		const from = String(firstNumber + i);
		const wamid = `wamid.${tag}${stamp}.${i}`;
		const body = whatsAppDelivery({
			contacts: [{ profile: { name: `Contact ${i}` }, wa_id: from }],
			messages: [{ from, id: wamid, timestamp: String(Math.floor(stamp / 1000)), type: 'text', text: { body: `message ${i}` } }],
		});
		return { wamid, body };
	});
}

/** Delivers every item through `post`, `parallel` at a time; resolves with each answer's status. */
export async function sendBatch(batch: Delivery[], parallel: number, post: (delivery: Delivery) => Promise<number>): Promise<number[]> {
	const statuses: number[] = new Array<number>(batch.length).fill(0);
	let next = 0;
	await Promise.all(
		Array.from({ length: parallel }, async () => {
			while (next < batch.length) {
				const index = next++;
				statuses[index] = await post(batch[index]).catch(() => 0);
			}
		}),
	);
	return statuses;
}

/**
 * Meta's side of a delivery that was not answered 200: it is delivered again later. Delivers
 * every item of `batch` whose status is not 200 again, after `pauseMs`, up to `rounds` times;
 * resolves with the final statuses.
 */
export async function redeliverRefused(batch: Delivery[], statuses: number[], post: (delivery: Delivery) => Promise<number>, rounds = 6, pauseMs = 3_000): Promise<number[]> {
	const final = [...statuses];
	for (let round = 0; round < rounds && final.some((status) => status !== 200); round++) {
		await new Promise((resolve) => setTimeout(resolve, pauseMs));
		const pending = batch.map((delivery, index) => ({ delivery, index })).filter(({ index }) => final[index] !== 200);
		const again = await sendBatch(pending.map(({ delivery }) => delivery), 5, post);
		pending.forEach(({ index }, i) => (final[index] = again[i]));
	}
	return final;
}
