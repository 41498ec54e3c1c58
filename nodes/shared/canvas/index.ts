/**
 * What the canvas shows of a node that depends on its parameters, evaluated by the editor:
 *
 *   outputsExpression   outputs from a self-contained function (Conversation, Flows endpoint trigger)
 *   inputsExpression    inputs the same way (WhatsApp Flows: a Chat Model input for Generate Flow JSON)
 *   operationSubtitle   the chosen operation's action under an action node ("Send reply buttons")
 *   eventsSubtitle      the chosen events under a trigger ("Messages, Statuses")
 */
export { inputsExpression, outputsExpression, type InputSpec, type OutputSpec } from './connections';
export { eventsSubtitle, operationSubtitle } from './subtitle';
