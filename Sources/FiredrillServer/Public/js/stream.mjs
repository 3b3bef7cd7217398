// stream.mjs: the drill's event stream (server-sent events) with catch-up, dedupe and a
// connection state. The browser's EventSource reconnects by itself and sends Last-Event-ID;
// when the server closes the stream for good we open a new one with ?last_event_id=N.
// Every event reaches onEvent once, in seq order (SeqTracker keeps the books).
import { enc } from './api.mjs';
import { SeqTracker } from './seq.mjs';

export const EVENT_TYPES = ['started', 'paused', 'resumed', 'interrupted', 'ended', 'inject-delivered',
  'inject-skipped', 'action', 'persona-reply', 'observation', 'survey-answer', 'adjudication',
  'speed-changed', 'clock-advanced'];

// States: connecting, live, reconnecting, offline, signed-out, gone (drill not found).
export class DrillStream {
  constructor({ drillId, kind, api, onEvent, onState }) {
    this.drillId = drillId;
    this.kind = kind;
    this.api = api;
    this.onEvent = onEvent;
    this.onState = onState || (() => {});
    this.seq = new SeqTracker();
    this.source = null;
    this.retryTimer = null;
    this.stopped = false;
    this.state = '';
    window.addEventListener('online', () => { if (!this.source && !this.stopped) this.open(); else this.setState(this.source ? 'reconnecting' : 'connecting'); });
    window.addEventListener('offline', () => this.setState('offline'));
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.onState(state);
  }

  open() {
    clearTimeout(this.retryTimer);
    if (this.stopped) return;
    this.setState(navigator.onLine === false ? 'offline' : (this.seq.lastSeq >= 0 ? 'reconnecting' : 'connecting'));
    const source = new EventSource(this.seq.url(`/api/v1/drills/${enc(this.drillId)}/events?as=${enc(this.kind)}`), { withCredentials: true });
    this.source = source;
    const handle = (message) => this.receive(message);
    for (const type of EVENT_TYPES) source.addEventListener(type, handle);
    source.addEventListener('message', handle);
    source.addEventListener('open', () => {
      this.seq.connected();
      this.setState('live');
    });
    source.addEventListener('error', () => {
      if (source !== this.source) return;
      if (source.readyState === EventSource.CLOSED) {
        // The browser gave up (an error answer): find out why before trying again.
        source.close();
        this.source = null;
        this.diagnose();
      } else {
        this.setState(navigator.onLine === false ? 'offline' : 'reconnecting');
      }
    });
  }

  receive(message) {
    let data;
    try { data = JSON.parse(message.data); } catch { return; }
    if (!this.seq.accept(data, message.lastEventId)) return;
    try { this.onEvent(data); } catch (e) { console.error('event handler failed', e); }
  }

  async diagnose() {
    try {
      await this.api.get(`/drills/${enc(this.drillId)}`);
    } catch (e) {
      if (e.status === 401) { this.stop('signed-out'); return; }
      if (e.status === 404) { this.stop('gone'); return; }
    }
    this.setState(navigator.onLine === false ? 'offline' : 'reconnecting');
    this.retryTimer = setTimeout(() => this.open(), this.seq.nextDelay());
  }

  stop(state = 'closed') {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (this.source) this.source.close();
    this.source = null;
    this.setState(state);
  }
}
