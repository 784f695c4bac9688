import type { ApiErrorData, InputOf, MethodName, OutputOf, Result } from '../../../electron/contract';
import { transport } from './transport';
import { createConnectionMonitor, type ConnectionMonitor } from './connection';

let monitor: ConnectionMonitor | null = null;
/** The app's link to its server (one per page): every call reports to it; the banner reads it. */
export function connection(): ConnectionMonitor {
  monitor ??= createConnectionMonitor({
    probe: async () => {
      const r = await transport().call('admin.status', {});
      return r.ok || !r.error.details?.network;
    },
  });
  return monitor;
}

/** An API error carried through TanStack Query (which wants thrown errors). */
export class ApiError extends Error {
  constructor(readonly data: ApiErrorData) {
    super(data.message);
    this.name = 'ApiError';
  }
  get code() {
    return this.data.code;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** A call's Result as its value, throwing an ApiError on failure (for queries and mutations). */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new ApiError(r.error);
  return r.value;
}

type UnauthHandler = () => void;
let onUnauthenticated: UnauthHandler | null = null;
/** Called when a call comes back UNAUTHENTICATED (session gone, e.g. the server restarted). */
export function setUnauthenticatedHandler(h: UnauthHandler | null) {
  onUnauthenticated = h;
}

export const api = {
  /** The typed call: never throws, returns the Result. */
  async call<K extends MethodName>(method: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> {
    const r = (await transport().call(method, input)) as Result<OutputOf<K>>;
    connection().report(!r.ok && !!r.error.details?.network);
    if (!r.ok && r.error.code === 'UNAUTHENTICATED' && method !== 'admin.login' && method !== 'admin.status') onUnauthenticated?.();
    return r;
  },
  /** The same call, throwing an ApiError on failure: for queries and mutations. */
  async get<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> {
    return unwrap(await api.call(method, input));
  },
};

export type { InputOf, OutputOf, MethodName };
