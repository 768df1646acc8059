/**
 * `derive`, computed once per input object. The store replaces its lists rather than
 * changing them, so an object's identity is a safe key, and a WeakMap lets old lists go.
 */
export function cachedPer<K extends object, V>(derive: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = derive(key);
      cache.set(key, value);
    }
    return value;
  };
}
