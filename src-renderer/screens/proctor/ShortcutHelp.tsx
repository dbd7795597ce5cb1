import { reviewShortcuts } from '../../review/keyboard';

/** The review shortcuts, listed on screen (the same table drives the keys and aria-keyshortcuts). */
export function ShortcutHelp() {
  return (
    <section className="review-shortcuts" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      <p className="muted">Active when the cursor is not in a text field.</p>
      <dl>
        {reviewShortcuts.map((s) => (
          <div key={s.action}>
            <dt>
              <kbd>{s.shown}</kbd>
            </dt>
            <dd>{s.label}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
