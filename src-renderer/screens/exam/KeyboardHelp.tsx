import { SHORTCUTS } from '../../exam/exam-keys';

/** The documented shortcuts, one disclosure away. */
export function KeyboardHelp() {
  return (
    <details className="exam-keyboard-help">
      <summary>Keyboard shortcuts</summary>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.keys}>
            <dt>{s.keys}</dt>
            <dd>{s.action}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
