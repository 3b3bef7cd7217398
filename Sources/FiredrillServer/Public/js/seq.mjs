// seq.mjs: the bookkeeping of an event stream that reconnects: every event once, in order
// (anything at or below the highest sequence number seen is dropped), where to resume
// (last_event_id), and how long to wait before trying again (doubling, capped).
// No DOM: unit-tested under Node.

export class SeqTracker {
  constructor({ firstDelay = 1000, maxDelay = 15000 } = {}) {
    this.lastSeq = -1;
    this.firstDelay = firstDelay;
    this.maxDelay = maxDelay;
    this.delay = firstDelay;
  }

  /** The event's sequence number (its seq, else the SSE id), or null. */
  static seqOf(event, lastEventId) {
    if (event && Number.isInteger(event.seq)) return event.seq;
    const parsed = Number.parseInt(lastEventId, 10);
    return Number.isInteger(parsed) ? parsed : null;
  }

  /** True the first time an event is seen (and in order); false for repeats and old ones. */
  accept(event, lastEventId) {
    const seq = SeqTracker.seqOf(event, lastEventId);
    if (seq === null || seq <= this.lastSeq) return false;
    this.lastSeq = seq;
    return true;
  }

  /** The stream's address, resuming after the last event seen. */
  url(base) {
    if (this.lastSeq < 0) return base;
    return `${base}${base.includes('?') ? '&' : '?'}last_event_id=${this.lastSeq}`;
  }

  /** The stream is open again: the next failure waits the shortest time. */
  connected() {
    this.delay = this.firstDelay;
  }

  /** How long to wait before the next attempt (doubles each time, up to maxDelay). */
  nextDelay() {
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, this.maxDelay);
    return wait;
  }
}
