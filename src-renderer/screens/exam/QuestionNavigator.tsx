import type { ExamProgress } from '../../exam/progress';

interface NavigatorItem {
  id: string;
  answered: boolean;
  flagged: boolean;
}

interface QuestionNavigatorProps {
  items: readonly NavigatorItem[];
  /** The same counts the submit dialog shows. */
  progress: ExamProgress;
  current: number;
  onGo: (index: number) => void;
}

function describe(item: NavigatorItem): string {
  return [item.answered ? 'answered' : 'not answered', item.flagged ? 'flagged for review' : '']
    .filter(Boolean)
    .join(', ');
}

/** Every question at a glance: answered, not answered, flagged; any one a click away. */
export function QuestionNavigator({ items, progress, current, onGo }: QuestionNavigatorProps) {
  return (
    <nav className="exam-navigator" aria-label="Questions">
      <h2 className="exam-navigator-title">Questions</h2>
      <p className="exam-navigator-summary">
        {progress.answered} answered · {progress.unanswered.length} not answered · {progress.flagged.length} flagged
      </p>
      <ol className="exam-navigator-list">
        {items.map((item, index) => (
          <li key={item.id}>
            <button
              type="button"
              className="exam-navigator-item"
              data-answered={item.answered || undefined}
              data-flagged={item.flagged || undefined}
              aria-current={index === current ? 'step' : undefined}
              aria-label={`Question ${index + 1}, ${describe(item)}`}
              onClick={() => onGo(index)}
            >
              {index + 1}
              {item.flagged && <span aria-hidden="true">⚑</span>}
            </button>
          </li>
        ))}
      </ol>
      <ul className="exam-navigator-legend" aria-hidden="true">
        <li>
          <span className="exam-swatch exam-swatch-answered" /> answered
        </li>
        <li>
          <span className="exam-swatch" /> not answered
        </li>
        <li>
          <span className="exam-swatch">⚑</span> flagged for review
        </li>
      </ul>
    </nav>
  );
}
