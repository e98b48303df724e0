import { describe, expect, it } from '@jest/globals';
import { ManualClock } from '../../../test/sidecar/resilience/manual-clock.js';
import { CanaryScheduler, scoreAnswer, type CanarySpec, type CanaryVerdict, type SendProbe } from './canary.js';

const secondary: CanarySpec = { endpointId: 'anthropic/eu', intervalMs: 60_000, expectContains: 'paris' };

interface Rig {
  readonly clock: ManualClock;
  readonly scheduler: CanaryScheduler;
  readonly verdicts: CanaryVerdict[];
  readonly sent: string[];
}

function rig(answer: (spec: CanarySpec, signal: AbortSignal, clock: ManualClock) => Promise<string>, quiet = (_id: string) => true): Rig {
  const clock = new ManualClock();
  const verdicts: CanaryVerdict[] = [];
  const sent: string[] = [];
  const send: SendProbe = (spec, signal) => {
    sent.push(spec.endpointId);
    return answer(spec, signal, clock);
  };
  const scheduler = new CanaryScheduler({ clock, timers: clock, send, quiet, timeoutMs: 10_000, onVerdict: (verdict) => verdicts.push(verdict) });
  return { clock, scheduler, verdicts, sent };
}

/** Answers after `ms` of simulated time, or rejects when the probe is aborted first. */
function answerAfter(ms: number, text: string) {
  return (_spec: CanarySpec, signal: AbortSignal, clock: ManualClock): Promise<string> => new Promise((resolve, reject) => {
    const timer = clock.after(ms, () => resolve(text));
    signal.addEventListener('abort', () => {
      timer.cancel();
      reject(signal.reason);
    }, { once: true });
  });
}

describe('canary probes', () => {
  it.each([
    { name: 'an answer containing the expected text passes', answer: 'The capital is Paris.', result: 'passed' },
    { name: 'any other answer is wrong', answer: 'I cannot help with that.', result: 'wrong_answer' },
  ])('$name', ({ answer, result }) => {
    expect(scoreAnswer(answer, 'paris')).toBe(result);
  });

  it('probes on schedule and keeps a ready verdict with its latency', async () => {
    const { clock, scheduler, verdicts } = rig(answerAfter(800, 'Paris'));
    scheduler.configure([secondary]);
    await clock.advanceAsync(59_999);
    expect(verdicts).toHaveLength(0);
    await clock.advanceAsync(1 + 800);
    expect(scheduler.verdict('anthropic/eu')).toMatchObject({ ready: true, result: 'passed', latencyMs: 800, consecutivePasses: 1 });
    await clock.advanceAsync(60_800);
    expect(verdicts.map((verdict) => verdict.consecutivePasses)).toEqual([1, 2]);
  });

  it('a probe that does not answer in time makes the target not ready', async () => {
    const { clock, scheduler } = rig(answerAfter(20_000, 'Paris'));
    scheduler.configure([secondary]);
    await clock.advanceAsync(70_000);
    expect(scheduler.verdict('anthropic/eu')).toMatchObject({ ready: false, result: 'timeout', latencyMs: null, consecutiveFailures: 1 });
  });

  it('a failed probe makes the target not ready', async () => {
    const { clock, scheduler } = rig(() => Promise.reject(new Error('503')));
    scheduler.configure([secondary]);
    await clock.advanceAsync(60_000);
    expect(scheduler.verdict('anthropic/eu')).toMatchObject({ ready: false, result: 'failed' });
  });

  it('sends nothing while traffic is not quiet, and resumes after', async () => {
    let quiet = false;
    const { clock, scheduler, sent } = rig(answerAfter(10, 'paris'), () => quiet);
    scheduler.configure([secondary]);
    await clock.advanceAsync(180_000);
    expect(sent).toEqual([]);
    quiet = true;
    await clock.advanceAsync(60_000);
    expect(sent).toEqual(['anthropic/eu']);
  });

  it('a new config keeps verdicts of endpoints that remain and drops the others', async () => {
    const other: CanarySpec = { endpointId: 'openai/eu', intervalMs: 30_000, expectContains: 'paris' };
    const { clock, scheduler } = rig(answerAfter(10, 'paris'));
    scheduler.configure([secondary, other]);
    await clock.advanceAsync(60_100);
    scheduler.configure([secondary]);
    expect(scheduler.verdict('anthropic/eu')?.ready).toBe(true);
    expect(scheduler.verdict('openai/eu')).toBeUndefined();
    scheduler.stop();
    expect(clock.timersPending).toBe(0);
  });
});
