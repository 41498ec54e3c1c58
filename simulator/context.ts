import type { ContactBook } from './chat/contacts';
import type { Journal } from './chat/journal';
import type { SimulatorConfig } from './config';
import type { FakePlatform } from './platform/fakePlatform';
import type { ErrorInjector } from './businessAccount/errors';
import type { MediaStore } from './businessAccount/media';
import type { WebhookSender } from './webhooks/sender';

/** The parts of a running simulator, handed to each route module. */
export interface SimulatorContext {
	config: SimulatorConfig;
	platform: FakePlatform;
	journal: Journal;
	webhooks: WebhookSender;
	media: MediaStore;
	errors: ErrorInjector;
	contacts: ContactBook;
	/** setTimeout that is cancelled when the simulator closes. */
	later(ms: number, run: () => void | Promise<void>): void;
}
