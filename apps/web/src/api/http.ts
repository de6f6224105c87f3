import type { FieldError } from '@minsheng/contracts';
import { session } from '../auth/session.js';

/** The services reachable on this origin under /api/<service>/ (see server/routes.mjs). */
export type ServiceName =
  | 'identity'
  | 'complaint-intake'
  | 'petition'
  | 'video-reception'
  | 'statistics'
  | 'leader-message'
  | 'exchange-gateway';

/**
 * Where a call goes: a service under `/api/<service>`, or `exchange` — exchange-gateway's
 * integrator API, which the origin forwards under its own path `/exchange/…` (its clients sign
 * the path as written, so it is not rewritten like the others).
 */
export type ApiTarget = ServiceName | 'exchange';

const prefixOf = (target: ApiTarget) => (target === 'exchange' ? '/exchange' : `/api/${target}`);

/** A refusal from a service, in the platform's one error shape `{ code, message, fields? }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Staff calls carry the session's access token; public ones do not. */
  auth?: boolean;
  headers?: Record<string, string>;
}

/** `/api/petition` + `/v1/cases` → `/api/petition/v1/cases?…`; `exchange` → `/exchange/v1/…` */
export function apiUrl(service: ApiTarget, path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${prefixOf(service)}${path}${search ? `?${search}` : ''}`;
}

export async function toApiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    code?: string;
    message?: string;
    fields?: FieldError[];
  } | null;
  return new ApiError(
    response.status,
    body?.code ?? `HTTP_${response.status}`,
    body?.message ?? response.statusText,
    body?.fields ?? [],
  );
}

/** One JSON call; a staff call whose access token expired is retried once after a refresh. */
export async function api<T>(
  service: ApiTarget,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const send = () => {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.auth && session.accessToken) {
      headers.authorization = `Bearer ${session.accessToken}`;
    }
    return fetch(apiUrl(service, path, options.query), {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  };
  let response = await send();
  if (response.status === 401 && options.auth && (await session.refresh())) response = await send();
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A staff download (xlsx, ics …) as a Blob, with the token. */
export async function download(
  service: ApiTarget,
  path: string,
  query?: RequestOptions['query'],
): Promise<Blob> {
  const response = await fetch(apiUrl(service, path, query), {
    headers: session.accessToken ? { authorization: `Bearer ${session.accessToken}` } : {},
  });
  if (!response.ok) throw await toApiError(response);
  return response.blob();
}
