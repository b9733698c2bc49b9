import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../store/index.js';
import { auditExportHeader, auditExportLine } from './audit-export-format.js';

const event: AuditEvent = {
  id: 7, at: '2026-01-31T12:00:00.000Z', actor: 'psk_1', action: 'version.stage_changed', model: 'churn', version: 3,
  fromStage: 'staging', toStage: 'production', reason: 'A/B won, "clearly",\nsee notes', details: { a: 1 }, person: null, keyId: null, door: null, operation: null,
};

describe('the audit export format', () => {
  it('writes CSV with a header, quoting fields that hold commas, quotes or line breaks, details as JSON', () => {
    expect(auditExportHeader('csv')).toBe('id,at,actor,action,model,version,fromStage,toStage,reason,details\r\n');
    expect(auditExportLine('csv', event)).toBe('7,2026-01-31T12:00:00.000Z,psk_1,version.stage_changed,churn,3,staging,production,"A/B won, ""clearly"",\nsee notes","{""a"":1}"\r\n');
  });

  it('leaves nulls empty in CSV', () => {
    expect(auditExportLine('csv', { ...event, model: null, version: null, fromStage: null, toStage: null, reason: null, details: {} })).toBe('7,2026-01-31T12:00:00.000Z,psk_1,version.stage_changed,,,,,,{}\r\n');
  });

  it('writes one JSON object per line for JSON Lines, with no header', () => {
    expect(auditExportHeader('jsonl')).toBe('');
    expect(JSON.parse(auditExportLine('jsonl', event))).toEqual(event);
  });
});
