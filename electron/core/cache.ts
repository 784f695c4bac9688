import { dataStamp, type DbOrTx } from '../../db/connection';

/**
 * Results of expensive reads (distinct people over 200,000 attendance rows, computed indicators), kept until the
 * database changes. The key names what was computed (and its inputs); the entry is dropped as soon as
 * `dataStamp` moves, so a write by this process or any other is seen on the next read. Inside a transaction
 * nothing is cached. Callers must not mutate what they get back.
 */
const caches = new WeakMap<object, Map<string, { stamp: string; value: Promise<unknown> }>>();

export async function cachedRead<T>(db: DbOrTx, key: string, compute: () => Promise<T>): Promise<T> {
  return (await cacheAtStamp(db))(key, compute);
}

/**
 * {@link cachedRead} for several reads at one stamp: the stamp is read once (on PostgreSQL a round trip to the server
 * each time, which every indicator source of a plan list paid on its own).
 */
export async function cacheAtStamp(db: DbOrTx): Promise<<T>(key: string, compute: () => Promise<T>) => Promise<T>> {
  const stamp = await dataStamp(db);
  return <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    if (stamp === null) return compute();
    let cache = caches.get(db);
    if (!cache) caches.set(db, (cache = new Map()));
    const hit = cache.get(key);
    if (hit && hit.stamp === stamp) return hit.value as Promise<T>;
    if (cache.size > 200) cache.clear();
    const value = compute();
    cache.set(key, { stamp, value });
    value.catch(() => {
      if (cache.get(key)?.value === value) cache.delete(key);
    });
    return value;
  };
}
