export { buildViberMessage, type ViberTarget } from './build';
export { checkKeyboard } from './keyboard';
export { checkRichMedia } from './richMedia';
export type * from './types';
