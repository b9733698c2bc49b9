// Alerts: rules over monitoring metrics, the pure state machine that evaluates them, and the channels that deliver notifications.
export { AlertRuleSchema, COMPARISON_OPS, SEVERITIES, breaches, compare, recovers, type AlertRule, type AlertRuleInput, type ComparisonOp, type Severity } from './alert-rule-schema.js';
export { ALERT_STATUSES, AlertStateSchema, type AlertState, type AlertStatus } from './alert-state.js';
export { evaluateRule, observationFor, type AlertTransition, type Observation, type RuleEvaluation } from './evaluate-rule.js';
export { fingerprint } from './fingerprint.js';
export { formatDuration, parseDuration } from './parse-duration.js';
export { notificationFor, notificationSummary, type Notification, type NotificationStatus } from './notification.js';
export { AlertConfigSchema, loadAlertConfig, parseAlertConfig, type AlertConfig, type AlertConfigInput } from './load-alert-config.js';
export {
  ChannelConfigSchema,
  CommandChannelConfigSchema,
  DEFAULT_RETRY_POLICY,
  LogChannelConfigSchema,
  RetryPolicySchema,
  WebhookChannelConfigSchema,
  type ChannelConfig,
  type ChannelConfigInput,
  type ChannelType,
  type CommandChannelConfig,
  type LogChannelConfig,
  type RetryPolicy,
  type WebhookChannelConfig,
} from './channel-config-schema.js';
export type { AlertLogger, Channel, DeliveryResult } from './channel.js';
export { createChannel, type ChannelDependencies } from './create-channel.js';
export { createWebhookChannel, type WebhookChannelSettings, type WebhookRuntime } from './webhook-channel.js';
export { createLogChannel } from './log-channel.js';
export { alertEnvironment, createCommandChannel, type CommandChannelSettings } from './command-channel.js';
export { Notifier } from './notifier.js';
export { SIGNATURE_PREFIX, signWebhook, verifyWebhookSignature } from './webhook-signature.js';
export { isRetryableStatus, parseRetryAfter, retryDelayMs } from './retry-delay.js';
