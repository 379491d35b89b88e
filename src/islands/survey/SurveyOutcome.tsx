/** After sending: the confirmation with the reference number, or the "saved on this device, will send" state. */
import { useEffect, useRef } from 'react';
import type { SurveyStrings } from '../../lib/i18n/survey/index.ts';

export type Outcome =
  | { kind: 'sent'; reference: string }
  | { kind: 'queued' }
  | { kind: 'held'; message: string };

interface Props {
  outcome: Outcome;
  s: SurveyStrings;
  resultsHref: string;
  onRetry: () => void;
  onAgain: () => void;
}

export function SurveyOutcome({ outcome, s, resultsHref, onRetry, onAgain }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again for each new outcome, which it does not read
  useEffect(() => heading.current?.focus(), [outcome.kind]);
  if (outcome.kind === 'held') {
    return (
      <div className="panel" role="status">
        <h2 tabIndex={-1} ref={heading}>
          {outcome.message}
        </h2>
        <button type="button" className="secondary" onClick={onAgain}>
          {s['survey.done.again']}
        </button>
      </div>
    );
  }
  if (outcome.kind === 'queued') {
    return (
      <div className="panel queued" role="status">
        <h2 tabIndex={-1} ref={heading}>
          {s['survey.queued.title']}
        </h2>
        <p>{s['survey.queued.text']}</p>
        <button type="button" onClick={onRetry}>
          {s['survey.queued.retry']}
        </button>
      </div>
    );
  }
  return (
    <div className="panel confirmation">
      <h2 tabIndex={-1} ref={heading}>
        {s['survey.done.title']}
      </h2>
      <p>
        {s['survey.done.reference']}
        <br />
        <strong className="reference" data-reference>
          {outcome.reference}
        </strong>
      </p>
      <p>{s['survey.done.text']}</p>
      <ul className="actions">
        <li>
          <a className="button secondary" href={resultsHref}>
            {s['survey.done.results']}
          </a>
        </li>
        <li>
          <button type="button" className="secondary" onClick={onAgain}>
            {s['survey.done.again']}
          </button>
        </li>
      </ul>
    </div>
  );
}
