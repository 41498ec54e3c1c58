export { FakePlatform } from './server';
export { graphError, ids } from './defaults';
export type { FakePlatformOptions, RecordedRequest, Responder, ScriptedResponse } from './types';
