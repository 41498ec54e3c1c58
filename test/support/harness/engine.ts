import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Logger } from '@n8n/backend-common';
import { InstanceSettingsConfig } from '@n8n/config';
import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';
import { LoggerProxy } from 'n8n-workflow';

import { CapturingLogger } from './logger';

/** What n8n-core's DI container was given, shared by every run in this process. */
export interface Engine {
	/** Temporary n8n user folder: instance settings and the binary-data store live here. */
	folder: string;
	logger: CapturingLogger;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

let engine: Promise<Engine> | undefined;

/**
 * Prepares n8n-core's DI container once per process (per jest test file, since jest gives each
 * file its own module registry): instance settings in a temporary folder instead of ~/.n8n, the
 * binary-data service in filesystem mode under that folder (what a default n8n uses, so
 * `prepareBinaryData` stores files and `getBinaryDataBuffer` reads them back by id), and a
 * capturing logger in place of winston. The folder is removed when the process exits.
 */
export async function ensureEngine(): Promise<Engine> {
	engine ??= createEngine();
	return await engine;
}

async function createEngine(): Promise<Engine> {
	const folder = mkdtempSync(join(tmpdir(), 'chatflow-harness-'));
	process.once('exit', () => rmSync(folder, { recursive: true, force: true }));

	const logger = new CapturingLogger();
	Container.set(Logger, logger as unknown as Logger);
	LoggerProxy.init(logger);

	// Set before anything asks for InstanceSettings, which reads this config when it is created.
	// Its folder fields are read-only in the types: n8n derives them from the environment.
	const instanceConfig = Container.get(InstanceSettingsConfig) as Writable<InstanceSettingsConfig>;
	instanceConfig.n8nFolder = join(folder, '.n8n');
	instanceConfig.userHome = folder;
	instanceConfig.encryptionKey = 'chatflow-harness-encryption-key';
	instanceConfig.enforceSettingsFilePermissions = false;

	const binaryConfig = Container.get(BinaryDataConfig);
	binaryConfig.mode = 'filesystem';
	binaryConfig.localStoragePath = join(folder, 'binary-data');
	await Container.get(BinaryDataService).init();

	return { folder, logger };
}
