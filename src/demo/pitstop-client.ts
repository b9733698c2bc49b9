// A small HTTP client for the demo's calls to its own server, as the delivery app and an operator would make them:
// with an API key, over a real socket. HTTP failures are answers (status and problem), not exceptions.
import { PitstopError } from '../errors/index.js';
import type { OrderRequest } from './delivery-world.js';
import { APP } from './eta-application.js';

export interface DecideBody {
  readonly decision: { readonly value?: number; readonly eta_minutes?: number; readonly deliverable?: boolean };
  readonly decided_by: { readonly rule_set: string; readonly version: number; readonly rule: string };
  readonly model: { readonly name: string; readonly version: number } | null;
  readonly prediction_id: string | null;
}

export interface HttpAnswer<T> {
  /** 0 when the request never got an answer (connection refused or reset). */
  readonly status: number;
  readonly body: T;
  readonly ms: number;
}

export class PitstopClient {
  constructor(readonly url: string, private readonly key: string) {}

  async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<HttpAnswer<T>> {
    const started = performance.now();
    try {
      const response = await fetch(`${this.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: (text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T, ms: performance.now() - started };
    } catch (error) {
      return { status: 0, body: { detail: (error as Error).message } as T, ms: performance.now() - started };
    }
  }

  /** Like `call`, but anything but the expected status is an error carrying the server's problem detail. */
  async expect<T>(status: number, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const answer = await this.call<T>(method, path, body);
    if (answer.status !== status) {
      const detail = (answer.body as { detail?: string } | null)?.detail ?? JSON.stringify(answer.body).slice(0, 200);
      throw new PitstopError('INTERNAL', `${method} ${path} answered ${answer.status || 'nothing'} (expected ${status}): ${detail}`);
    }
    return answer.body;
  }

  decide(order: OrderRequest): Promise<HttpAnswer<DecideBody>> {
    return this.call<DecideBody>('POST', `/v1/apps/${APP}/decide`, order);
  }
}
