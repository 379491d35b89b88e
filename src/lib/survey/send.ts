/**
 * Sending answers: every finished answer goes into the device's outbox first, then to public.submit_survey. A
 * network failure leaves it there to be resent (the server stores each id once); an answer the server refuses is
 * taken out and the refusal reported.
 */
import { callPublic } from '../supabase/public-rpc.ts';
import type { SurveyResponse } from '../schemas/survey.ts';
import { dequeue, enqueue, outbox } from './device-store.ts';

export type SendResult =
  | { status: 'sent'; id: string; reference: string }
  | { status: 'queued'; id: string }
  | { status: 'refused'; id: string; message: string; code: string }
  /** staff double entry: the first entry is kept until a second person enters the same form */
  | { status: 'held'; id: string; message: string };

export async function sendResponse(response: SurveyResponse): Promise<SendResult> {
  enqueue(response);
  const r = await callPublic<{ reference: string; duplicate: boolean }>('submit_survey', {
    p_response: response,
  });
  if (r.ok) {
    dequeue(response.id);
    return { status: 'sent', id: response.id, reference: r.data.reference };
  }
  if (r.network) return { status: 'queued', id: response.id };
  // 5xx: the server may come back; keep it queued. 4xx: the answer itself was refused.
  if (r.status >= 500) return { status: 'queued', id: response.id };
  dequeue(response.id);
  return { status: 'refused', id: response.id, message: r.message, code: r.code };
}

/** Resends everything in the outbox, oldest first; returns what happened to each. */
export async function flushOutbox(): Promise<SendResult[]> {
  const results: SendResult[] = [];
  for (const r of outbox()) results.push(await sendResponse(r));
  return results;
}
