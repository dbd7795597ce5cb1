/*
 * An empty cell or field: a dash for the eye, words for a screen reader
 * ("No description"), never a raw placeholder such as "None".
 */
export function NoValue({ label }: { label: string }) {
  return (
    <span className="muted">
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
