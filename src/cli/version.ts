declare const __CUTI_VERSION__: string;

/** Set at build time from package.json; a run from source says it is a development build. */
export const VERSION = typeof __CUTI_VERSION__ === 'string' ? __CUTI_VERSION__ : '0.0.0-dev';
