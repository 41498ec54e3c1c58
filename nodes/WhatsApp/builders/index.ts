/** WhatsApp message builders: pure functions, Meta's limits enforced before sending. */
export * from './limits';
export * from './envelope';
export * from './basic';
export * from './interactive';
export * from './templateDefinition';
export * from './templateParameters';
export * from './templateValidation';
export * from './templateValues';
export * from './templateCreate';
export * from './template';
