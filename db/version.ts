/** Injected by the build (scripts/build.mjs) from package.json; "dev" under vitest. */
declare const __APP_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
