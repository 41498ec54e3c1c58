/**
 * The Flow picker every Flow ID field uses: `flowLocatorProperty`, `readFlowId`, and the list
 * method `searchFlows`; `listFlows` gives the same list as a dropdown for fields inside lists of values.
 */
export { FLOW_URL_PATTERN, SEARCH_FLOWS_METHOD, flowIdFrom, flowLocatorProperty, readFlowId } from './flowLocator';
export { searchFlows } from './searchFlows';
export { listFlows } from './flowOptions';
