// clock.mjs: the drill clock. Drill time runs at `speed` while the drill is running and
// stands still otherwise. The server is the authority: sync() takes drill_seconds from a
// GET of the drill; lifecycle events switch the clock on and off between syncs.

export class DrillClock {
  constructor() {
    this.base = 0;            // drill seconds at baseAt
    this.baseAt = performance.now();
    this.speed = 1;
    this.status = 'ready';
    this.listeners = new Set();
    this.timer = setInterval(() => this.tick(), 250);
  }

  get running() { return this.status === 'running'; }

  now() {
    if (!this.running) return this.base;
    return this.base + ((performance.now() - this.baseAt) / 1000) * this.speed;
  }

  /** From a drill as the API gives it (drill_seconds, speed, status). */
  sync(drill) {
    if (typeof drill.speed === 'number' && drill.speed > 0) this.speed = drill.speed;
    this.base = Number(drill.drill_seconds) || 0;
    this.baseAt = performance.now();
    this.setStatus(drill.status);
  }

  /** Lifecycle events change the status; any event moves the clock up to its time. */
  applyEvent(event) {
    const at = Number(event.at_seconds);
    const next = { started: 'running', resumed: 'running', paused: 'paused', interrupted: 'interrupted', ended: 'finished' }[event.type];
    if (next) {
      this.base = Number.isFinite(at) ? at : this.now();
      this.baseAt = performance.now();
      this.setStatus(next);
    } else if (Number.isFinite(at) && at > this.now()) {
      this.base = at;
      this.baseAt = performance.now();
    }
  }

  setStatus(status) {
    if (!status) return;
    const changed = status !== this.status;
    this.status = status;
    if (changed) this.tick();
  }

  /** fn(seconds, status), called four times a second. */
  subscribe(fn) {
    this.listeners.add(fn);
    fn(this.now(), this.status);
    return () => this.listeners.delete(fn);
  }

  tick() {
    const now = this.now();
    for (const fn of this.listeners) fn(now, this.status);
  }
}

/** 754.2 → "12:34"; 3725 → "1:02:05". */
export function formatClock(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(Number(seconds))) return '–';
  const total = Math.max(0, Math.floor(Number(seconds)));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
