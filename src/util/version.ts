declare const __HEXEC_VERSION__: string;

/** Injected by the build (scripts/build.mjs) from package.json. */
export const HEXEC_VERSION: string = typeof __HEXEC_VERSION__ === 'string' ? __HEXEC_VERSION__ : '0.0.0-dev';
