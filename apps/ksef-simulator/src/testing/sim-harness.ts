import { createSimulator, type Simulator } from '../simulator';
import type { SimulatorOptions } from '../simulator-options';
import { OpenApiResponseValidator } from './openapi-response-validator';

export interface SimResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  raw: Buffer;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as-is (Buffer/string) with this content type instead of JSON. */
  rawBody?: Buffer | string;
  contentType?: string;
  token?: string;
  headers?: Record<string, string>;
}

let sharedValidator: OpenApiResponseValidator | null = null;

/**
 * A simulator on a random port plus a fetch-based client whose every /v2 response is validated against
 * open-api.json; an invalid or undocumented response fails the test that made the request.
 */
export class SimHarness {
  readonly validator: OpenApiResponseValidator;

  private constructor(
    readonly sim: Simulator,
    readonly rootUrl: string,
  ) {
    sharedValidator ??= new OpenApiResponseValidator();
    this.validator = sharedValidator;
  }

  static async start(options: SimulatorOptions = {}): Promise<SimHarness> {
    const sim = await createSimulator({ processingDelayMs: 5, ...options });
    const url = await sim.listen(0, '127.0.0.1');
    return new SimHarness(sim, url);
  }

  get apiUrl(): string {
    return `${this.rootUrl}/v2`;
  }

  async close(): Promise<void> {
    await this.sim.close();
  }

  /** A KSeF call: `path` relative to /v2; the response is checked against the contract. */
  async api<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<SimResponse<T>> {
    const response = await this.fetchRaw(method, `${this.apiUrl}${path}`, options);
    const contentType = response.headers.get('content-type');
    this.validator.validate(method, path.split('?')[0]!, response.status, contentType, response.body);
    return response as SimResponse<T>;
  }

  /** A control-API or pre-signed-URL call (no contract validation). */
  async root<T = unknown>(method: string, pathOrUrl: string, options: RequestOptions = {}): Promise<SimResponse<T>> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.rootUrl}${pathOrUrl}`;
    return (await this.fetchRaw(method, url, options)) as SimResponse<T>;
  }

  private async fetchRaw(method: string, url: string, options: RequestOptions): Promise<SimResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Buffer | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      if (options.contentType) headers['content-type'] = options.contentType;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(url, { method, headers, body });
    const raw = Buffer.from(await response.arrayBuffer());
    const type = response.headers.get('content-type') ?? '';
    let parsed: unknown = raw.length === 0 ? undefined : raw.toString('utf8');
    if (raw.length > 0 && type.includes('json')) parsed = JSON.parse(raw.toString('utf8'));
    return { status: response.status, headers: response.headers, body: parsed, raw };
  }
}
