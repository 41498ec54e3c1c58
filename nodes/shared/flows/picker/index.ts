/**
 * The Flow picker every Flow ID field uses, a template's Flow buttons included:
 * `flowLocatorProperty`, `flowIdFrom` / `readFlowId`, and the list method `searchFlows`.
 */
export { FLOW_URL_PATTERN, SEARCH_FLOWS_METHOD, flowIdFrom, flowLocatorProperty, readFlowId } from './flowLocator';
export { searchFlows } from './searchFlows';
