// observations.mjs: the evaluator's observation form (about one objective or the whole
// drill, an HSEEP rating P/S/M/U or none, and a text), recorded at the current drill time,
// and the list of observations so far (from the event stream; each seq once).
import { enc } from './api.mjs';
import { formatClock } from './clock.mjs';
import { $, el, fill } from './dom.mjs';
import { labelInWords } from './format.mjs';
import { t } from './i18n.mjs';
import { objectiveName, showError } from './ui.mjs';

export const RATINGS = ['', 'P', 'S', 'M', 'U'];

export class Observations {
  constructor({ form, list, ctx }) {
    this.form = form;
    this.list = list;
    this.ctx = ctx;
    this.objectives = [];
    this.items = new Map();   // seq → {event, node}
    this.empty = el('li', { class: 'inbox-empty', text: t('obs.none') });
    fill(list, this.empty);
    fill($('#obs-ratings', form), RATINGS.map((r, i) => el('label', { class: 'rating-option' },
      el('input', { type: 'radio', name: 'rating', value: r, checked: i === 0 }),
      el('span', { class: 'rating-letter', text: r || t('obs.noRating') }),
      r ? el('span', { class: 'rating-word', text: t(`rating.${r}.meaning`) }) : null)));
    $('#obs-text', form).maxLength = ctx.drill.limits?.text || 2000;
    this.setObjectives([]);
    form.addEventListener('submit', (e) => { e.preventDefault(); this.submit(); });
  }

  /** The objective choices (from the progress); keeps the current choice. */
  setObjectives(objectives) {
    const key = JSON.stringify((objectives || []).map((o) => [o.id, o.name]));
    if (key === this.objectivesKey) return;
    this.objectivesKey = key;
    this.objectives = objectives || [];
    const select = $('#obs-objective', this.form);
    const previous = select.value;
    fill(select, el('option', { value: '', text: t('obs.whole') }),
      this.objectives.map((o) => el('option', { value: o.id, lang: this.ctx.drill.language || null, text: o.name || o.id })));
    select.value = previous;
    for (const { event, node } of this.items.values()) node.replaceWith(this.refreshNode(event, node));
  }

  refreshNode(event, old) {
    const node = this.render(event);
    this.items.set(event.seq, { event, node });
    return node;
  }

  add(event) {
    if (event.type !== 'observation' || this.items.has(event.seq)) return;
    const node = this.render(event);
    this.items.set(event.seq, { event, node });
    this.empty.remove();
    this.list.prepend(node);
  }

  render(e) {
    return el('li', { class: 'observation', dataset: { seq: e.seq } },
      el('div', { class: 'obs-head' },
        el('time', { class: 'tl-time', text: formatClock(e.at_seconds) }),
        e.rating ? el('span', { class: `chip rating rating-${e.rating}`, title: t(`rating.${e.rating}.meaning`), text: e.rating }) : null,
        el('span', { class: 'obs-objective', lang: this.ctx.drill.language || null, text: objectiveName(this.objectives, e.objective) }),
        el('span', { class: 'obs-by', text: labelInWords(e.by, t) })),
      e.text ? el('p', { class: 'text', text: e.text }) : null);
  }

  async submit() {
    const form = this.form;
    const errorBox = $('#obs-error', form);
    const status = $('#obs-status', form);
    showError(errorBox, null);
    const text = $('#obs-text', form).value.trim();
    const rating = form.querySelector('input[name="rating"]:checked')?.value || null;
    if (!text && !rating) { showError(errorBox, { message: t('obs.needText') }); $('#obs-text', form).focus(); return; }
    status.textContent = t('send.pending');
    try {
      const event = await this.ctx.client.post(`/drills/${enc(this.ctx.drillId)}/observations`, {
        objective: $('#obs-objective', form).value || null, rating, text,
      });
      this.add(event);
      status.textContent = t('obs.recorded', { at: formatClock(event.at_seconds) });
      $('#obs-text', form).value = '';
      form.querySelector('input[name="rating"][value=""]').checked = true;
    } catch (err) {
      status.textContent = '';
      showError(errorBox, err, t('send.notRecorded'));
    }
  }
}
