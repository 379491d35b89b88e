/** Turns zod issues into one line each that a person editing the YAML can act on. */
import type { z } from 'zod';

export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : '(record)';
    return `field "${field}": ${issue.message}`;
  });
}
