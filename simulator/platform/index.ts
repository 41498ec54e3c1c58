export { FakePlatform } from './fakePlatform';
export { chatMessages, chatTools, scriptChatModel, CHAT_COMPLETIONS, type ChatAnswerer, type ScriptedChatAnswer } from './chatModel';
export { graphError, ids } from './defaults';
export { checkTemplateSend } from './templateSend';
export type { ConnectionStats, FakePlatformOptions, RecordedRequest, Responder, ScriptedResponse } from './types';
export { fakeFlowMedia, type FakeFlowMedia } from './flowMedia';
