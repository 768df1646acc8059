/**
 * Ink's layout engine (Yoga) loads its WebAssembly from an inline `data:` URL, through
 * `fetch()` whenever `fetch` exists. In Node the first `fetch()` loads the whole HTTP
 * client (undici): 20-40 ms of start-up to read bytes already in memory. Without
 * `fetch`, Yoga decodes them itself. This module is imported before Ink (first import
 * of run.tsx), so it hides `fetch` while Yoga loads; run.tsx puts it back right after.
 */
const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
const hidden = fetchProperty?.configurable === true && Reflect.deleteProperty(globalThis, 'fetch');

export function restoreFetch(): void {
  if (hidden && fetchProperty && !Object.hasOwn(globalThis, 'fetch')) Object.defineProperty(globalThis, 'fetch', fetchProperty);
}
