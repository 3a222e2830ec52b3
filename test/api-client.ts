// A small HTTP client for tests: logs in as demo users and sends JSON. Every
// response is checked against the OpenAPI document (check-openapi-response.ts).
import { checkOpenApiResponse } from './check-openapi-response.ts';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private token: string | null = null,
  ) {}

  static async login(baseUrl: string, username: string, password = 'demo'): Promise<ApiClient> {
    const client = new ApiClient(baseUrl);
    const res = await client.post('/v1/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    client.token = res.body.token;
    return client;
  }

  get<T = any>(path: string): Promise<ApiResponse<T>> {
    return this.request('GET', path);
  }

  post<T = any>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request('POST', path, body, headers);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    await checkOpenApiResponse(method, this.baseUrl + path, res.status, res.headers, parsed);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
}
