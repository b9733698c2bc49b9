// A plain-text editor for rule-set YAML that shows problems where they are: the line is marked in the gutter and
// tinted, the column underlined, and the message written at the end of the line. A textarea over a backdrop that
// draws the marks, so typing, selection and undo stay the browser's own.
import { useRef, type UIEvent } from 'react';
import type { PlacedProblem } from './rule-problems.js';

export function RuleEditor({ value, onChange, problems, readOnly = false, label }: { value: string; onChange: (value: string) => void; problems: readonly PlacedProblem[]; readOnly?: boolean; label: string }) {
  const backdrop = useRef<HTMLDivElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const lines = value.split('\n');
  const byLine = new Map<number, PlacedProblem[]>();
  for (const p of problems) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
  const onScroll = (event: UIEvent<HTMLTextAreaElement>) => {
    const { scrollTop, scrollLeft } = event.currentTarget;
    if (backdrop.current) backdrop.current.style.transform = `translate(${-scrollLeft}px, ${-scrollTop}px)`;
    if (gutter.current) gutter.current.style.transform = `translateY(${-scrollTop}px)`;
  };
  /** Puts the cursor on a problem, for the list under the editor. */
  const goTo = (problem: PlacedProblem) => {
    const area = textarea.current;
    if (!area) return;
    const offset = lines.slice(0, problem.line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, problem.column - 1);
    area.focus();
    area.setSelectionRange(offset, offset);
  };
  return (
    <div className="rule-editor-wrap">
      <div className="rule-editor">
        <div className="gutter" aria-hidden="true">
          <div ref={gutter}>
            {lines.map((_, i) => <div key={i} className={byLine.has(i + 1) ? 'gutter-line error' : 'gutter-line'}>{byLine.has(i + 1) ? '●' : ''}{i + 1}</div>)}
          </div>
        </div>
        <div className="editor-body">
          <div className="backdrop-layer" aria-hidden="true">
            <div ref={backdrop}>
              {lines.map((text, i) => <BackdropLine key={i} text={text} problems={byLine.get(i + 1)} />)}
            </div>
          </div>
          <textarea
            ref={textarea} value={value} onChange={(e) => onChange(e.target.value)} onScroll={onScroll}
            wrap="off" spellCheck={false} autoCapitalize="off" autoComplete="off" readOnly={readOnly} aria-label={label}
            aria-invalid={problems.length > 0} rows={Math.min(28, Math.max(12, lines.length + 1))}
          />
        </div>
      </div>
      {problems.length > 0 && (
        <ul className="editor-problems" aria-label="Problems in the rule set">
          {problems.map((p) => (
            <li key={`${p.line}:${p.column}:${p.message}`}>
              <button type="button" className="link" onClick={() => goTo(p)}>line {p.line}, column {p.column}</button>: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function BackdropLine({ text, problems }: { text: string; problems: readonly PlacedProblem[] | undefined }) {
  if (!problems) return <div className="backdrop-line">{text || ' '}</div>;
  const column = Math.min(Math.max(1, problems[0]!.column), text.length + 1);
  // The underline covers the token at the column (up to the next space), at least one character.
  const rest = text.slice(column - 1);
  const token = Math.max(1, /^\S*/.exec(rest)![0].length);
  return (
    <div className="backdrop-line error">
      {text.slice(0, column - 1)}
      <span className="error-mark">{rest.slice(0, token) || ' '}</span>
      {rest.slice(token)}
      <span className="inline-message">  ◀ {problems.map((p) => p.message).join('; ')}</span>
    </div>
  );
}
