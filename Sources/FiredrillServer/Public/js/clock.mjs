// clock.mjs: the drill clock on the page. Drill time runs at `speed` while the drill runs
// and stands still otherwise. The server is the authority: sync() takes drill_seconds,
// speed and status from a GET of the drill; events move the clock between syncs (lifecycle
// events switch it on and off, speed-changed changes its pace, clock-advanced makes it jump).
// The time source is injectable, so the clock is unit-tested under Node.
export { formatClock } from './format.mjs';

const STATUS_AFTER = { started: 'running', resumed: 'running', paused: 'paused', interrupted: 'interrupted', ended: 'finished' };

export class DrillClock {
  /** now(): milliseconds (performance.now in the page); tick: false to drive tick() by hand. */
  constructor({ now = () => performance.now(), tick = true } = {}) {
    this.clock = now;
    this.base = 0;            // drill seconds at baseAt
    this.baseAt = this.clock();
    this.speed = 1;
    this.status = 'ready';
    this.listeners = new Set();
    this.timer = tick ? setInterval(() => this.tick(), 250) : null;
  }

  get running() { return this.status === 'running'; }

  now() {
    if (!this.running) return this.base;
    return this.base + ((this.clock() - this.baseAt) / 1000) * this.speed;
  }

  rebase(seconds) {
    this.base = seconds;
    this.baseAt = this.clock();
  }

  /** From a drill as the API gives it (drill_seconds, speed, status). */
  sync(drill) {
    if (typeof drill.speed === 'number' && drill.speed > 0) this.speed = drill.speed;
    this.rebase(Number(drill.drill_seconds) || 0);
    this.setStatus(drill.status);
  }

  /** Events: lifecycle, speed-changed, clock-advanced; any event moves the clock up to its time. */
  applyEvent(event) {
    const at = Number(event.at_seconds);
    const known = Number.isFinite(at);
    const next = STATUS_AFTER[event.type];
    if (next) {
      this.rebase(known ? at : this.now());
      this.setStatus(next);
      return;
    }
    if (event.type === 'speed-changed' && Number(event.speed) > 0) {
      this.rebase(known ? Math.max(at, this.now()) : this.now());
      this.speed = Number(event.speed);
      this.tick();
      return;
    }
    if (event.type === 'clock-advanced' && known) {
      this.rebase(Math.max(at, this.now()));
      this.tick();
      return;
    }
    if (known && at > this.now()) this.rebase(at);
  }

  setStatus(status) {
    if (!status) return;
    const changed = status !== this.status;
    this.status = status;
    if (changed) this.tick();
  }

  /** fn(seconds, status, speed), called four times a second. */
  subscribe(fn) {
    this.listeners.add(fn);
    fn(this.now(), this.status, this.speed);
    return () => this.listeners.delete(fn);
  }

  tick() {
    const now = this.now();
    for (const fn of this.listeners) fn(now, this.status, this.speed);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
