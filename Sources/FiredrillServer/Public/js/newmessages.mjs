// newmessages.mjs: no message lands out of sight unnoticed. When a new message arrives while
// its place in the inbox is outside the window (on a phone: above, while the participant
// writes a response further down), a button fixed at the bottom of the screen says
// 「新着メッセージ 1 件」; pressing it brings the newest one into view and focuses it. The
// button goes away once the new messages have been seen.
import { t } from './i18n.mjs';

export class NewMessages {
  constructor({ button }) {
    this.button = button;
    this.waiting = new Set();     // items not yet seen
    this.observer = 'IntersectionObserver' in window ? new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting && entry.intersectionRatio > 0.3) this.seen(entry.target);
      }
    }, { threshold: [0, 0.3, 0.6] }) : null;
    button.addEventListener('click', () => this.show());
    // Keep the arrow right while the participant scrolls.
    let queued = false;
    window.addEventListener('scroll', () => {
      if (queued || this.waiting.size === 0) return;
      queued = true;
      requestAnimationFrame(() => { queued = false; this.render(); });
    }, { passive: true });
    this.render();
  }

  /** A new message's item was added to the inbox. */
  arrived(item) {
    if (inView(item)) return;
    this.waiting.add(item);
    if (this.observer) this.observer.observe(item);
    this.render();
  }

  seen(item) {
    if (!this.waiting.delete(item)) return;
    if (this.observer) this.observer.unobserve(item);
    this.render();
  }

  /** Scrolls to the newest waiting message and focuses it. */
  show() {
    const items = Array.from(this.waiting).filter((item) => item.isConnected);
    if (!items.length) { this.clear(); return; }
    // The newest is the one highest in the list (the inbox is newest first).
    items.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    const newest = items[0];
    newest.scrollIntoView({ block: 'start', behavior: 'smooth' });
    const article = newest.querySelector('article') || newest;
    article.focus({ preventScroll: true });
    this.clear();
  }

  clear() {
    for (const item of this.waiting) if (this.observer) this.observer.unobserve(item);
    this.waiting.clear();
    this.render();
  }

  render() {
    const items = Array.from(this.waiting).filter((item) => item.isConnected);
    const n = items.length;
    this.button.hidden = n === 0;
    if (!n) { this.button.textContent = ''; return; }
    // Where the newest waits: above (the usual case) puts the button at the top, below at the bottom.
    const above = items.some((item) => item.getBoundingClientRect().top < 0);
    this.button.classList.toggle('up', above);
    this.button.textContent = t(above ? 'inbox.newAbove' : 'inbox.newBelow', { n });
  }
}

function inView(item) {
  const box = item.getBoundingClientRect();
  const height = window.innerHeight || document.documentElement.clientHeight;
  // Seen when its head is inside the window (not behind the sticky bar at the top).
  const top = document.querySelector('.topbar')?.getBoundingClientRect().bottom || 0;
  return box.top >= Math.max(0, top) - 4 && box.top < height - 40;
}
