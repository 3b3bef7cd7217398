// format.mjs: numbers and times for people, without the DOM (unit-tested under Node).
// Drill clocks read `m:ss` or `h:mm:ss`, as in the reports; durations read in words
// ("3 min", 「3 分」); a run's remaining drill time is also given in real time at its speed.

/** 754.2 → "12:34"; 60 → "1:00"; 3725 → "1:02:05" (whole seconds, like the reports). */
export function formatClock(seconds) {
  if (seconds === null || seconds === undefined || seconds === '' || !Number.isFinite(Number(seconds))) return '–';
  const total = Math.max(0, Math.floor(Number(seconds) + 1e-9));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A number for people, as the reports write it: 72 → "72", 72.46 → "72.5". */
export function formatNumber(value, digits = 1) {
  const n = Number(value);
  if (value === null || value === undefined || !Number.isFinite(n) || Math.abs(n) >= 1e15) return '–';
  if (Number.isInteger(n)) return String(n);
  const scale = 10 ** digits;
  const rounded = Math.round(n * scale) / scale;
  return String(rounded);
}

/** A duration in words: 180 → "3 min" / 「3 分」; 5400 → "1 h 30 min"; 90 → "1 min 30 s". */
export function durationWords(seconds, t) {
  const total = Math.max(0, Math.round(Number(seconds) || 0));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [];
  if (h) parts.push(t('time.hours', { n: h }));
  if (m) parts.push(t('time.minutes', { n: m }));
  if (s || parts.length === 0) parts.push(t('time.seconds', { n: s }));
  return parts.join(' ');
}

/** Whole minutes in words, for approximate real times: 1330 s → "22 min"; 3900 → "1 h 5 min". */
export function minutesWords(seconds, t) {
  const minutes = Math.max(1, Math.round(Number(seconds) / 60));
  return durationWords(minutes * 60, t);
}

/**
 * What is left of a drill, in drill time and in real time at the current speed:
 * {drill: seconds of drill time left, real: seconds of real time left (null without a speed)}.
 */
export function timeLeft({ now, duration, speed }) {
  const drill = Math.max(0, (Number(duration) || 0) - (Number(now) || 0));
  const s = Number(speed);
  const real = s > 0 && Number.isFinite(s) ? drill / s : null;
  return { drill, real };
}

/** "45:00 left (about 22 min in real time)" / 「残り 45:00（実時間で約 22 分）」. */
export function timeLeftText({ now, duration, speed }, t) {
  const left = timeLeft({ now, duration, speed });
  const vars = { left: formatClock(left.drill) };
  if (left.real === null || left.drill === 0) return t('clock.left', vars);
  if (left.real < 60) return t('clock.leftSoon', vars);
  return t('clock.leftReal', { ...vars, real: minutesWords(left.real, t) });
}

/**
 * When the next scheduled inject is due: 「次のインジェクト：8:00（あと 5:00、実時間で約 1 分）」;
 * null when nothing is scheduled. Real time only while the clock runs.
 */
export function nextInjectText({ at, now, speed, running }, t) {
  if (at === null || at === undefined) return null;
  const left = Math.max(0, Number(at) - Number(now));
  const vars = { at: formatClock(at), left: formatClock(left) };
  if (!running) return t('next.atStill', vars);
  const real = realSecondsUntil(at, now, speed);
  if (real === null) return t('next.atStill', vars);
  if (real < 60) return t('next.atSoon', vars);
  return t('next.at', { ...vars, real: minutesWords(real, t) });
}

/** A speed for people: 0.5 → "0.5×" / 「0.5 倍」. */
export function formatSpeed(speed, t) {
  return t('speed.value', { speed: formatNumber(speed, 2) });
}

/** Drill time from now until `at` (seconds of drill time), in real time at `speed`. */
export function realSecondsUntil(at, now, speed) {
  if (at === null || at === undefined) return null;
  const s = Number(speed);
  if (!(s > 0)) return null;
  return Math.max(0, Number(at) - Number(now)) / s;
}

/**
 * A token label as people say it: "player-2" → 「参加者 2」, "evaluator-1" → "Evaluator 1",
 * "trainer" → the trainer. Never the label itself.
 */
export function labelInWords(label, t) {
  if (!label) return '';
  if (label === 'trainer') return t('token.trainer');
  const m = /^(player|evaluator|observer|trainer)-(\d+)$/.exec(String(label));
  if (m) return t('label.numbered', { who: t('token.' + m[1]), n: m[2] });
  return t('label.someone');
}

/** An ISO-8601 instant as local date and time in the page's language. */
export function formatWallTime(iso, language, { timeOnly = false } = {}) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const options = timeOnly ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en', options).format(d);
}
