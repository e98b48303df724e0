// Conditions by the book: observedGeneration on each, lastTransitionTime kept unless the status
// flips, so an unchanged verdict produces an identical status and no write.
import type { Condition } from '@switchyard/contract';

export interface DesiredCondition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
}

export function mergeConditions(
  previous: readonly Condition[] | undefined,
  desired: readonly DesiredCondition[],
  generation: number | undefined,
  now: Date,
): Condition[] {
  return desired.map((condition) => {
    const before = previous?.find((old) => old.type === condition.type);
    const lastTransitionTime = before !== undefined && before.status === condition.status ? before.lastTransitionTime : rfc3339(now);
    return { ...condition, lastTransitionTime, ...(generation === undefined ? {} : { observedGeneration: generation }) };
  });
}

/** Seconds precision, as metav1.Time serialises. */
export function rfc3339(time: Date): string {
  return `${time.toISOString().slice(0, 19)}Z`;
}

export interface Transition {
  readonly type: string;
  readonly status: string;
  readonly reason: string;
  readonly message: string;
}

/** Conditions whose status or reason changed: the ones worth an Event. */
export function transitionsOf(previous: readonly Condition[] | undefined, next: readonly Condition[]): Transition[] {
  return next.filter((condition) => {
    const before = previous?.find((old) => old.type === condition.type);
    return before === undefined ? condition.status !== 'True' : before.status !== condition.status || before.reason !== condition.reason;
  });
}
