export { FakePlatform } from './server';
export { graphError, ids } from './defaults';
export type { ConnectionStats, FakePlatformOptions, RecordedRequest, Responder, ScriptedResponse } from './types';
export { fakeFlowMedia, type FakeFlowMedia } from './flowMedia';
