/** Injection tokens for the values main.ts hands to the module. */
export const INGRESS_CONFIG = Symbol('INGRESS_CONFIG');
export const INGRESS_LOGGER = Symbol('INGRESS_LOGGER');
