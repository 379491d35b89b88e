/**
 * What the survey keeps on the family's device (localStorage): the draft being answered (save and resume), and the
 * outbox of finished answers not yet accepted by the server (offline queue). Storage may be unavailable (private
 * mode, full): then nothing is kept and the form still works. Also the newest questionnaire definition the page
 * fetched (so a reload offline shows the version the draft was answering).
 */
import type { Answers } from '../survey-form/definition.ts';

export const DRAFT_KEY = 'tuoyu.survey.draft';
export const OUTBOX_KEY = 'tuoyu.survey.outbox';
export const FORM_KEY = 'tuoyu.survey.form';

/** What public.submit_survey takes: the envelope (id, consent, versions, token, src) and the answers. */
export interface SurveyPayload {
  id: string;
  start_token?: string;
  [key: string]: unknown;
}

export interface Draft {
  /** The response's id, made on this device: the server stores an id once, however often it is sent. */
  id: string;
  /** When the family started (ms since epoch). */
  startedAt: number;
  /** The server-signed start token (public.start_survey), fetched when the form first opened. */
  startToken?: string;
  /** the step of the form the family was on (its name in the definition, or '#check') */
  step: string;
  /** the answers so far, as the definition's JSON */
  values: Answers;
  /** the questionnaire version they answer */
  form_version?: string;
  /** ?src= of the leaflet the family came from. */
  src?: string;
}

function read<T>(key: string): T | null {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}
function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage unavailable: the answer simply is not kept */
  }
}

export const loadDraft = (): Draft | null => {
  const d = read<Draft>(DRAFT_KEY);
  return d && typeof d.id === 'string' && typeof d.startedAt === 'number' && d.values ? d : null;
};
export const saveDraft = (d: Draft): void => write(DRAFT_KEY, d);
export const clearDraft = (): void => write(DRAFT_KEY, null);

export const loadForm = <T>(): T | null => read<T>(FORM_KEY);
export const saveForm = (definition: unknown): void => write(FORM_KEY, definition);

export const outbox = (): SurveyPayload[] => read<SurveyPayload[]>(OUTBOX_KEY) ?? [];
/** Adds (or replaces, by id) an answer waiting to be sent. */
export function enqueue(r: SurveyPayload): void {
  write(OUTBOX_KEY, [...outbox().filter((o) => o.id !== r.id), r]);
}
export function dequeue(id: string): void {
  const rest = outbox().filter((o) => o.id !== id);
  write(OUTBOX_KEY, rest.length ? rest : null);
}
