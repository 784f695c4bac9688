import type { ApiErrorData, InputOf, MethodName, OutputOf, Result } from '../../../electron/contract';
import { transport } from './transport';

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
    if (!r.ok && r.error.code === 'UNAUTHENTICATED' && method !== 'admin.login' && method !== 'admin.status') onUnauthenticated?.();
    return r;
  },
  /** The same call, throwing an ApiError on failure: for queries and mutations. */
  async get<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> {
    const r = await api.call(method, input);
    if (!r.ok) throw new ApiError(r.error);
    return r.value;
  },
};

export type { InputOf, OutputOf, MethodName };
