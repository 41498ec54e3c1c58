export { FakePlatform } from './fakePlatform';
export { graphError, ids } from './defaults';
export type { ConnectionStats, FakePlatformOptions, RecordedRequest, Responder, ScriptedResponse } from './types';
