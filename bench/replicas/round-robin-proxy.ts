// A round-robin HTTP proxy on loopback for the replica benchmark, behaving like a load balancer with passive health
// checks: a replica that refuses connections is skipped for a second and the request goes to the next one (it never
// reached the dead replica, so resending it is safe); a connection that breaks mid-request gives a 502 marked with
// `x-proxy-error`, so the benchmark can tell those from the replicas' own 5xx.
import http from 'node:http';

const DOWN_FOR_MS = 1_000;

export class RoundRobinProxy {
  private server: http.Server | null = null;
  private next = 0;
  private readonly downUntil: number[];
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly upstreams: string[]) {
    this.downUntil = upstreams.map(() => 0);
  }

  replace(index: number, upstream: string): void {
    this.upstreams[index] = upstream;
    this.downUntil[index] = 0;
  }

  async start(): Promise<string> {
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => this.forward(request, Buffer.concat(chunks), response, this.upstreams.length));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as { port: number }).port}`;
  }

  async close(): Promise<void> {
    this.agent.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private pick(): number {
    for (let tries = 0; tries < this.upstreams.length; tries++) {
      const index = this.next++ % this.upstreams.length;
      if (this.downUntil[index]! <= Date.now()) return index;
    }
    return this.next++ % this.upstreams.length;
  }

  private forward(request: http.IncomingMessage, body: Buffer, response: http.ServerResponse, triesLeft: number): void {
    const index = this.pick();
    const target = new URL(request.url ?? '/', this.upstreams[index]);
    const upstream = http.request(target, { method: request.method, headers: request.headers, agent: this.agent }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && triesLeft > 1 && !response.headersSent) {
        this.downUntil[index] = Date.now() + DOWN_FOR_MS;
        this.forward(request, body, response, triesLeft - 1);
        return;
      }
      if (!response.headersSent) response.writeHead(502, { 'x-proxy-error': `${error.code ?? 'error'}: ${error.message}`.slice(0, 80) });
      response.end();
    });
    upstream.end(body);
  }
}
