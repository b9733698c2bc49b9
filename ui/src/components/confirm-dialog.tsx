// Every change goes through a confirmation that says exactly what will happen, asks for the reason the audit log
// keeps, and shows the server's refusal in place when it refuses.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiProblem } from '../api/api-client.js';
import { ProblemBanner } from './problem-banner.js';
import { asProblem } from './use-resource.js';

export interface ConfirmAction {
  readonly title: string;
  /** What will happen, one consequence a line. */
  readonly consequences: readonly ReactNode[];
  readonly confirmLabel: string;
  readonly danger?: boolean;
  /** Ask for a reason (kept in the audit log); the confirm button waits for one unless it is optional. */
  readonly reason?: { readonly label?: string; readonly placeholder?: string; readonly initial?: string; readonly optional?: boolean };
  /** Does the change; its answer (a sentence) is shown on the page afterwards. */
  run(reason: string): Promise<string | void>;
}

export function ConfirmDialog({ action, onClose, onDone }: { action: ConfirmAction; onClose: () => void; onDone: (message: string | null) => void }) {
  const [reason, setReason] = useState(action.reason?.initial ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => (reasonField.current ?? confirmButton.current)?.focus(), []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && !busy && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onClose]);
  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const message = await action.run(reason.trim());
      onDone(message ?? null);
    } catch (error) {
      setProblem(asProblem(error));
      setBusy(false);
    }
  };
  const missingReason = action.reason !== undefined && !action.reason.optional && reason.trim() === '';
  return (
    <div className="backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title">
        <h2 id="dialog-title">{action.title}</h2>
        <ul className="consequences">{action.consequences.map((c, i) => <li key={i}>{c}</li>)}</ul>
        {action.reason && (
          <label className="field">
            <span>{action.reason.label ?? 'Reason (kept in the audit log)'}</span>
            <textarea ref={reasonField} rows={2} value={reason} placeholder={action.reason.placeholder} onChange={(e) => setReason(e.target.value)} />
          </label>
        )}
        <ProblemBanner problem={problem} prefix="Refused" />
        <div className="dialog-buttons">
          <button type="button" onClick={onClose} disabled={busy}>Cancel</button>
          <button type="button" ref={confirmButton} className={action.danger ? 'danger' : 'primary'} disabled={busy || missingReason} onClick={() => void confirm()}>
            {busy ? 'Working…' : action.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

/** A page's confirmation dialog: `ask(action)` opens it; after the change, `notice` holds the outcome and `onChanged` runs. */
export function useConfirm(onChanged: () => void) {
  const [action, setAction] = useState<ConfirmAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const close = useCallback(() => setAction(null), []);
  const dialog = action ? (
    <ConfirmDialog
      action={action}
      onClose={close}
      onDone={(message) => {
        setAction(null);
        setNotice(message);
        onChanged();
      }}
    />
  ) : null;
  const ask = useCallback((next: ConfirmAction) => {
    setNotice(null);
    setAction(next);
  }, []);
  return { ask, dialog, notice, clearNotice: () => setNotice(null) };
}

export function Notice({ message, onClose }: { message: string | null; onClose: () => void }) {
  if (!message) return null;
  return (
    <div className="notice" role="status">
      <span>{message}</span>
      <button type="button" className="link" onClick={onClose} aria-label="Dismiss">×</button>
    </div>
  );
}
