// clock-controls.mjs: the trainer's steering of a drill: start, pause, resume and end; the
// clock's speed at any time (presets 0.5×…10× and a number within the server's limits);
// 「次のインジェクトへ進む」 with when the next inject is due; and the drill time left with its
// real time at the current speed (「残り 45:00（実時間で約 22 分）」).
import { enc } from './api.mjs';
import { $, el, fill } from './dom.mjs';
import { formatClock, formatNumber, formatSpeed, nextInjectText, timeLeftText } from './format.mjs';
import { t } from './i18n.mjs';
import { announce, showError, statusChip } from './ui.mjs';

export const SPEED_PRESETS = [0.5, 1, 2, 5, 10];

export class ClockControls {
  constructor({ container, ctx }) {
    this.ctx = ctx;
    this.container = container;
    this.base = `/drills/${enc(ctx.drillId)}`;
    this.build();
    this.update(ctx.drill);
    let lastStatus = null;
    ctx.clock.subscribe((seconds, status) => {
      this.tick(seconds, status);
      if (status !== lastStatus) { lastStatus = status; this.showButtons(status); }
    });
  }

  build() {
    const limits = this.ctx.drill.limits || { speed_min: 0.01, speed_max: 100000 };
    const presets = SPEED_PRESETS.filter((s) => s >= limits.speed_min && s <= limits.speed_max);
    this.errorBox = el('div', { class: 'error-slot', hidden: true });
    this.status = el('p', { class: 'form-status', role: 'status' });
    this.chip = el('span', { class: 'control-status' });
    this.clock = el('span', { class: 'control-clock', id: 'control-clock' });
    this.left = el('p', { class: 'time-left', id: 'time-left' });
    this.buttons = {
      start: el('button', { type: 'button', class: 'btn primary', id: 'btn-start', text: t('control.start'), onclick: () => this.act('/start', undefined, t('control.started')) }),
      pause: el('button', { type: 'button', class: 'btn', id: 'btn-pause', text: t('control.pause'), onclick: () => this.act('/pause', undefined, t('control.paused')) }),
      resume: el('button', { type: 'button', class: 'btn primary', id: 'btn-resume', text: t('control.resume'), onclick: () => this.act('/resume', undefined, t('control.resumed')) }),
      end: el('button', { type: 'button', class: 'btn danger', id: 'btn-end', text: t('control.end'), onclick: () => { if (window.confirm(t('control.confirmEnd'))) this.act('/end', undefined, t('control.ended')); } }),
    };
    this.presetButtons = presets.map((speed) => el('button', {
      type: 'button', class: 'btn small speed-preset', dataset: { speed: String(speed) }, 'aria-pressed': 'false',
      'aria-label': t('speed.set', { speed: formatSpeed(speed, t) }), text: formatSpeed(speed, t),
      onclick: () => this.setSpeed(speed),
    }));
    this.speedInput = el('input', { id: 'drill-speed', type: 'number', min: String(limits.speed_min), max: String(limits.speed_max), step: 'any', inputmode: 'decimal', 'aria-describedby': 'speed-range' });
    this.speedForm = el('form', { id: 'speed-form', class: 'inline-form speed-form', novalidate: true },
      el('label', { class: 'field' }, el('span', { text: t('speed.other') }), this.speedInput),
      el('button', { type: 'submit', class: 'btn', text: t('speed.apply') }));
    this.speedForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const speed = Number(this.speedInput.value);
      if (!(speed >= limits.speed_min && speed <= limits.speed_max)) {
        showError(this.errorBox, { message: t('speed.bad', { min: formatNumber(limits.speed_min, 2), max: formatNumber(limits.speed_max, 2) }) });
        this.speedInput.focus();
        return;
      }
      this.setSpeed(speed);
    });
    this.currentSpeed = el('span', { class: 'current-speed', id: 'current-speed' });
    this.nextInfo = el('p', { class: 'next-info', id: 'next-info' });
    this.nextButton = el('button', { type: 'button', class: 'btn', id: 'btn-next', text: t('next.go'), 'aria-describedby': 'next-info', onclick: () => this.act('/next', undefined, t('next.done')) });
    fill(this.container,
      el('div', { class: 'control-top' },
        el('div', { class: 'control-now' }, this.chip,
          el('span', { class: 'control-clock-box' }, el('span', { class: 'clock-label', text: t('clock.label') }), ' ', this.clock)),
        this.left),
      el('div', { class: 'btn-row', id: 'controls' }, Object.values(this.buttons)),
      el('div', { class: 'control-grid', id: 'steering' },
        el('fieldset', { class: 'speed-box' },
          el('legend', {}, t('speed.title'), ' ', this.currentSpeed),
          el('div', { class: 'btn-row speed-presets', role: 'group', 'aria-label': t('speed.presets') }, this.presetButtons),
          this.speedForm,
          el('p', { class: 'hint', id: 'speed-range', text: t('speed.range', { min: formatNumber(limits.speed_min, 2), max: formatNumber(limits.speed_max, 2) }) })),
        el('div', { class: 'next-box' },
          el('h3', { text: t('next.title') }),
          this.nextInfo,
          this.nextButton)),
      this.errorBox, this.status);
  }

  /** After each read of the drill: the speed shown and the next inject. */
  update(drill) {
    this.drill = drill;
    this.currentSpeed.textContent = t('speed.now', { speed: formatSpeed(drill.speed, t) });
    for (const button of this.presetButtons) button.setAttribute('aria-pressed', String(Number(button.dataset.speed) === Number(drill.speed)));
    if (document.activeElement !== this.speedInput) this.speedInput.value = String(drill.speed);
    this.tick(this.ctx.clock.now(), this.ctx.clock.status);
  }

  tick(seconds, status) {
    const drill = this.drill || this.ctx.drill;
    const text = timeLeftText({ now: seconds, duration: drill.duration_seconds, speed: this.ctx.clock.speed }, t);
    if (this.left.textContent !== text) this.left.textContent = text;
    const clock = formatClock(seconds);
    if (this.clock.textContent !== clock) this.clock.textContent = clock;
    const next = nextInjectText({ at: drill.next_inject_seconds, now: seconds, speed: this.ctx.clock.speed, running: status === 'running' }, t);
    const nextText = next ?? (status === 'finished' ? '' : t(status === 'ready' ? 'next.notStarted' : 'next.none'));
    if (this.nextInfo.textContent !== nextText) this.nextInfo.textContent = nextText;
    this.nextButton.disabled = status !== 'running' || next === null;
  }

  /** Which buttons make sense in each state. */
  showButtons(status) {
    fill(this.chip, statusChip(status));
    this.buttons.start.hidden = status !== 'ready';
    this.buttons.pause.hidden = status !== 'running';
    this.buttons.resume.hidden = !['paused', 'interrupted'].includes(status);
    this.buttons.end.hidden = !['running', 'paused', 'interrupted'].includes(status);
    $('#controls', this.container).hidden = status === 'finished';
    $('#steering', this.container).hidden = status === 'finished';
    this.left.hidden = status === 'finished';
  }

  setSpeed(speed) {
    return this.act('/speed', { speed }, t('speed.done', { speed: formatSpeed(speed, t) }));
  }

  async act(path, body, done) {
    showError(this.errorBox, null);
    this.status.textContent = t('send.pending');
    try {
      const drill = await this.ctx.client.post(this.base + path, body);
      this.ctx.setDrill(drill);
      this.status.textContent = done;
      announce(done);
    } catch (err) {
      this.status.textContent = '';
      showError(this.errorBox, err);
    }
  }
}

