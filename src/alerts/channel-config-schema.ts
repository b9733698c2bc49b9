// How notification channels are declared in the rules file: a webhook, the log, or a local command.
import { z } from 'zod';

const name = z.string().trim().min(1, 'must not be empty');
const timeoutMs = z.int().positive().max(600_000);

export const RetryPolicySchema = z.strictObject({
  /** Total attempts, the first included. */
  attempts: z.int().min(1).max(20).default(5),
  baseDelayMs: z.int().nonnegative().default(500),
  /** Cap on one wait, also applied to a server's Retry-After. */
  maxDelayMs: z.int().nonnegative().default(30_000),
});
export type RetryPolicy = z.output<typeof RetryPolicySchema>;
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze(RetryPolicySchema.parse({}));

export const WebhookChannelConfigSchema = z
  .strictObject({
    name,
    type: z.literal('webhook'),
    url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
    /** The HMAC key; prefer secretEnv so that the rules file holds no secret. */
    secret: z.string().min(1).optional(),
    /** The environment variable holding the HMAC key. */
    secretEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name').optional(),
    timeoutMs: timeoutMs.default(10_000),
    retry: RetryPolicySchema.default(DEFAULT_RETRY_POLICY),
    headers: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((channel, ctx) => {
    if ((channel.secret === undefined) === (channel.secretEnv === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'give exactly one of secret or secretEnv, so that every request is signed' });
    }
  });

export const LogChannelConfigSchema = z.strictObject({
  name,
  type: z.literal('log'),
});

export const CommandChannelConfigSchema = z.strictObject({
  name,
  type: z.literal('command'),
  /** Executable and arguments, run without a shell. */
  argv: z.array(z.string().min(1)).min(1, 'must name the executable to run'),
  timeoutMs: timeoutMs.default(10_000),
});

export const ChannelConfigSchema = z.discriminatedUnion('type', [WebhookChannelConfigSchema, LogChannelConfigSchema, CommandChannelConfigSchema]);

export type WebhookChannelConfig = z.output<typeof WebhookChannelConfigSchema>;
export type LogChannelConfig = z.output<typeof LogChannelConfigSchema>;
export type CommandChannelConfig = z.output<typeof CommandChannelConfigSchema>;
export type ChannelConfig = z.output<typeof ChannelConfigSchema>;
export type ChannelConfigInput = z.input<typeof ChannelConfigSchema>;
export type ChannelType = ChannelConfig['type'];
