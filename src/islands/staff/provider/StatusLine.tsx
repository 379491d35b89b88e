/** The one status line of a provider form: the outcome announced politely, an error in the error colour. */
export type Status = { kind: 'done' | 'error'; text: string } | null;

export function StatusLine({ status }: { status: Status }) {
  return (
    <p role="status" className={status?.kind === 'error' ? 'error-text' : undefined}>
      {status?.text ?? ''}
    </p>
  );
}
