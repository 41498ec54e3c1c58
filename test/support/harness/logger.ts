import type { Logger as WorkflowLogger, LogMetadata } from 'n8n-workflow';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** One line a node (or the engine) logged during a run. */
export interface LogEntry {
	level: LogLevel;
	message: string;
	metadata?: LogMetadata;
}

/**
 * Stands in for n8n's winston logger: keeps every line in memory instead of printing, so test
 * output stays quiet and a test can assert what a node logged (e.g. that no token leaked into a
 * log line). `scoped()` returns the same logger: scopes only filter output in n8n.
 */
export class CapturingLogger implements WorkflowLogger {
	private entries: LogEntry[] = [];

	/** Everything logged since the last `drain()`, then forgotten. */
	drain(): LogEntry[] {
		const drained = this.entries;
		this.entries = [];
		return drained;
	}

	scoped(): this {
		return this;
	}

	error(message: string, metadata?: LogMetadata): void {
		this.entries.push({ level: 'error', message, metadata });
	}

	warn(message: string, metadata?: LogMetadata): void {
		this.entries.push({ level: 'warn', message, metadata });
	}

	info(message: string, metadata?: LogMetadata): void {
		this.entries.push({ level: 'info', message, metadata });
	}

	debug(message: string, metadata?: LogMetadata): void {
		this.entries.push({ level: 'debug', message, metadata });
	}
}
