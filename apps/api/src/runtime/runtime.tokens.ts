/** Injection tokens for what bootstrap resolved before Nest started. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const RUNTIME = Symbol('RUNTIME');
