// The GUI's one way to the server: the admin REST API with the signed-in key. A failed call throws an ApiProblem
// carrying the server's JSON problem, so pages can show its detail and per-field errors as they are.

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: readonly FieldError[] = [],
    readonly code: string | null = null,
  ) {
    super(detail || title);
    this.name = 'ApiProblem';
  }
}

export type Query = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** `?a=1&b=x` from the values that are set; empty strings and nulls are left out. */
export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export class ApiClient {
  constructor(
    private readonly key: string,
    /** Called when the server no longer accepts the key (revoked, or the database was reset). */
    private readonly onUnauthenticated: () => void = () => undefined,
  ) {}

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', `${path}${queryString(query)}`);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** A file the server sends (an export), as a Blob: the key travels in a header, so a plain link cannot fetch it. */
  async download(path: string, query?: Query): Promise<Blob> {
    const response = await fetch(`${path}${queryString(query)}`, { headers: this.headers(false) });
    if (!response.ok) throw await this.problemOf(response);
    return response.blob();
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(path, { method, headers: this.headers(body !== undefined), ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch (error) {
      throw new ApiProblem(0, 'Server unreachable', `the server did not answer (${(error as Error).message}); is \`pitstop serve\` running?`);
    }
    if (!response.ok) throw await this.problemOf(response);
    const text = await response.text();
    return (text ? JSON.parse(text) : null) as T;
  }

  /** Every request says it comes from the GUI, so the audit log records the door (src/serving/http-operation.ts). */
  private headers(json: boolean): Record<string, string> {
    return { 'x-pitstop-door': 'gui', ...(this.key ? { authorization: `Bearer ${this.key}` } : {}), ...(json ? { 'content-type': 'application/json' } : {}) };
  }

  private async problemOf(response: Response): Promise<ApiProblem> {
    if (response.status === 401) this.onUnauthenticated();
    const text = await response.text();
    try {
      const problem = JSON.parse(text) as { title?: string; detail?: string; errors?: FieldError[]; code?: string };
      return new ApiProblem(response.status, problem.title ?? response.statusText, problem.detail ?? text, problem.errors ?? [], problem.code ?? null);
    } catch {
      const missing = response.status === 404 ? ' (this server may be older than the GUI)' : '';
      return new ApiProblem(response.status, response.statusText, `${response.status} ${response.statusText}${missing}`);
    }
  }
}
