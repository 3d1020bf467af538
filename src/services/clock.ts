/** The time, injected so that tests can fix it. Timestamps are ISO 8601 UTC with milliseconds everywhere. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function isoNow(clock: Clock): string {
  return clock().toISOString();
}
