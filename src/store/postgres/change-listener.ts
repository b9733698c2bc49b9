// Listens on PostgreSQL's change channel with a dedicated connection (LISTEN cannot share a pooled one), reconnecting
// after a drop. Polling stays on as the safety net, so a lost connection delays reactions, never loses them.
import pg from 'pg';

const RECONNECT_DELAY_MS = 2_000;

export interface ChangeListenerOptions {
  readonly url: string;
  readonly channel: string;
  /** Only notifications whose payload is this schema are ours. */
  readonly schema: string;
  readonly searchPathOption?: string;
}

export async function listenForChanges(options: ChangeListenerOptions, onChange: () => void): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: options.url, ...(options.searchPathOption ? { options: options.searchPathOption } : {}) });
    next.on('notification', (message) => {
      if (message.payload === options.schema) onChange();
    });
    const reconnect = () => {
      if (stopped || client !== next) return;
      client = null;
      next.end().catch(() => undefined);
      scheduleReconnect();
    };
    next.on('error', reconnect);
    next.on('end', reconnect);
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${options.channel}`);
      // Changes made while we were not listening: let the caller look once.
      onChange();
    } catch {
      reconnect();
    }
  };

  const scheduleReconnect = () => {
    retry = setTimeout(() => void connect(), RECONNECT_DELAY_MS);
    retry.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const current = client;
    client = null;
    await current?.end().catch(() => undefined);
  };
}
