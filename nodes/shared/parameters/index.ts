/**
 * Reading node parameters for many items: `withFastParameters(this, description.properties)`
 * gives the execute context a `getNodeParameter` that resolves expression-free parameters once
 * per run and fills plain field references (`={{ $json.to }}`) without the expression engine,
 * always to the value n8n itself would return.
 */
export { withFastParameters } from './fastParameters';
export { parseFieldTemplate, renderFieldTemplate } from './fieldTemplate';
export type { FieldTemplate } from './fieldTemplate';
