import { splitInlineCode } from '../format/inline-code';

/** Text with its `code` spans as <code>, for question and option texts. React escapes every part. */
export function InlineText({ text }: { text: string }) {
  return <>{splitInlineCode(text).map((part, i) => (part.code ? <code key={i}>{part.text}</code> : part.text))}</>;
}
