export { FakePlatform } from './fakePlatform';
export { chatMessages, scriptChatModel, CHAT_COMPLETIONS, type ScriptedChatAnswer } from './chatModel';
export { graphError, ids } from './defaults';
export type { ConnectionStats, FakePlatformOptions, RecordedRequest, Responder, ScriptedResponse } from './types';
export { fakeFlowMedia, type FakeFlowMedia } from './flowMedia';
