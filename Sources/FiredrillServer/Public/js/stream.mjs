// stream.mjs: the drill's event stream (server-sent events) with catch-up, dedupe and a
// connection state. The browser's EventSource reconnects by itself and sends Last-Event-ID;
// when the server closes the stream for good we open a new one with ?last_event_id=N.
// Every event reaches onEvent once, in seq order: anything at or below the highest seq seen
// is dropped.
import { enc } from './api.mjs';

export const EVENT_TYPES = ['started', 'paused', 'resumed', 'interrupted', 'ended', 'inject-delivered',
  'inject-skipped', 'action', 'persona-reply', 'observation', 'survey-answer'];

// States: connecting, live, reconnecting, offline, signed-out, gone (drill not found).
export class DrillStream {
  constructor({ drillId, kind, api, onEvent, onState }) {
    this.drillId = drillId;
    this.kind = kind;
    this.api = api;
    this.onEvent = onEvent;
    this.onState = onState || (() => {});
    this.lastSeq = -1;
    this.source = null;
    this.retryDelay = 1000;
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

  url() {
    let url = `/api/v1/drills/${enc(this.drillId)}/events?as=${enc(this.kind)}`;
    if (this.lastSeq >= 0) url += `&last_event_id=${this.lastSeq}`;
    return url;
  }

  open() {
    clearTimeout(this.retryTimer);
    if (this.stopped) return;
    this.setState(navigator.onLine === false ? 'offline' : (this.lastSeq >= 0 ? 'reconnecting' : 'connecting'));
    const source = new EventSource(this.url(), { withCredentials: true });
    this.source = source;
    const handle = (message) => this.receive(message);
    for (const type of EVENT_TYPES) source.addEventListener(type, handle);
    source.addEventListener('message', handle);
    source.addEventListener('open', () => {
      this.retryDelay = 1000;
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
    const seq = Number.isInteger(data.seq) ? data.seq : Number.parseInt(message.lastEventId, 10);
    if (!Number.isInteger(seq) || seq <= this.lastSeq) return;
    this.lastSeq = seq;
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
    this.retryTimer = setTimeout(() => this.open(), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, 15000);
  }

  stop(state = 'closed') {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (this.source) this.source.close();
    this.source = null;
    this.setState(state);
  }
}
