// Audit events as lines of a downloadable file: CSV (RFC 4180, details as JSON in one column) or JSON Lines. Pure.
import type { AuditEvent } from '../../../store/index.js';

export const AUDIT_EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

const COLUMNS = ['id', 'at', 'actor', 'action', 'model', 'version', 'fromStage', 'toStage', 'reason', 'details'] as const;

export const AUDIT_EXPORT_CONTENT_TYPES: Record<AuditExportFormat, string> = { csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8' };

/** The file's first line (the CSV header), or '' for JSON Lines. */
export function auditExportHeader(format: AuditExportFormat): string {
  return format === 'csv' ? `${COLUMNS.join(',')}\r\n` : '';
}

export function auditExportLine(format: AuditExportFormat, event: AuditEvent): string {
  if (format === 'jsonl') return `${JSON.stringify(event)}\n`;
  return `${COLUMNS.map((column) => csvField(column === 'details' ? JSON.stringify(event.details) : event[column])).join(',')}\r\n`;
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
