/**
 * Sending answers: every finished answer goes into the device's outbox first, then to public.submit_survey. A
 * network failure leaves it there to be resent (the server stores each id once); an answer the server refuses is
 * taken out and the refusal reported by its machine code — except "too fast", which stays queued to be sent again.
 * An answer finished offline has no start token yet: one is fetched before sending (the server then counts the
 * minimum time from that moment).
 */
import { callPublic } from '../supabase/public-rpc.ts';
import { dequeue, enqueue, outbox, type SurveyPayload } from './device-store.ts';

export type SendResult =
  | { status: 'sent'; id: string; reference: string }
  | { status: 'queued'; id: string }
  /** `details`: the machine code (src/lib/refusals/survey.ts); `message`: a text already made (staff pages). */
  | {
      status: 'refused';
      id: string;
      code: string;
      details?: string | null;
      hint?: string | null;
      message?: string;
    }
  /** staff double entry: the first entry is kept until a second person enters the same form */
  | { status: 'held'; id: string; message: string };

/** A server-signed start token (public.start_survey), or null without a connection / when refused. */
export async function fetchStartToken(): Promise<string | null> {
  const r = await callPublic<{ token: string }>('start_survey');
  return r.ok ? r.data.token : null;
}

export async function sendResponse(response: SurveyPayload): Promise<SendResult> {
  enqueue(response);
  let answer = response;
  if (!answer.start_token) {
    const token = await fetchStartToken();
    if (!token) return { status: 'queued', id: response.id };
    answer = { ...answer, start_token: token };
    enqueue(answer);
  }
  const r = await callPublic<{ reference: string; duplicate: boolean }>('submit_survey', {
    p_response: answer,
  });
  if (r.ok) {
    dequeue(answer.id);
    return { status: 'sent', id: answer.id, reference: r.data.reference };
  }
  if (r.network) return { status: 'queued', id: answer.id };
  // 5xx: the server may come back; keep it queued. 4xx: the answer itself was refused.
  if (r.status >= 500) return { status: 'queued', id: answer.id };
  if (r.details !== 'survey_too_fast') dequeue(answer.id);
  return { status: 'refused', id: answer.id, code: r.code, details: r.details, hint: r.hint };
}

/** Resends everything in the outbox, oldest first; returns what happened to each. */
export async function flushOutbox(): Promise<SendResult[]> {
  const results: SendResult[] = [];
  for (const r of outbox()) results.push(await sendResponse(r));
  return results;
}
