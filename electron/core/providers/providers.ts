// The providers domain's public face: what another domain (the job engine) may call at runtime. The rest
// of this folder is the domain's own business; others may import its types (test/core/layering.test.ts).
export { createHttpClient, createProviderAdapter } from './adapter';
export { findModel, protocolFor } from './catalog';
export { takeResultImage } from './download';
export { assertValidRequest, validateRequest } from './validate';
