// Phase: advertising → block. Links and domains, handles offering something, phone numbers
// offered with a service, VPN/proxy sellers, crypto and betting promotion, follower sellers,
// a seller's bank card; a spammy commenter name counts (policy, fixtures README). Mentioning
// a VPN or a betting site without selling anything is clean, so words alone need company:
// a contact (link, handle, phone, card) plus something on offer, or several unmistakable
// advertising phrases.
import { MAX_FIELD_CHARS, spanOf, tokenSpan, type FieldContext } from '../context.js';
import type { Hit } from '../lexicon.js';
import type { Finding } from '../types.js';
import { cuedHandles, personalNumbers } from './pii.js';
import { output, type Phase } from './types.js';

// English words that can stand before a spelt-out «dot com» without being a site's name.
const FUNCTION_WORDS = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'its',
  'his',
  'her',
  'our',
  'your',
  'my',
  'their',
  'of',
  'and',
  'or',
  'in',
  'on',
  'to',
  'for',
  'old',
  'early',
  'first',
]);

interface Cues {
  product: Hit[];
  promo: Hit[];
  /** Invitations to get in touch («تماس», «دایرکت»): a product must come with them. */
  contact: Hit[];
  strong: Hit[];
  sale: Hit[];
}

function cues(f: FieldContext): Cues {
  const c: Cues = { product: [], promo: [], contact: [], strong: [], sale: [] };
  for (const h of f.hits) {
    switch (h.entry.kind) {
      case 'spam-product':
        c.product.push(h);
        break;
      case 'spam-promo':
        (h.entry.flags.has('contact') ? c.contact : c.promo).push(h);
        break;
      case 'spam-strong':
        c.strong.push(h);
        break;
      case 'spam-sale':
        c.sale.push(h);
        break;
      default:
        break;
    }
  }
  return c;
}

function names(f: FieldContext, hits: Hit[]): string {
  return [...new Set(hits.map((h) => tokenSpan(f, h.first, h.last).match))]
    .slice(0, 3)
    .map((s) => `«${s}»`)
    .join('، ');
}

export const spam: Phase = {
  name: 'spam',
  run({ field: f }) {
    const reasons: Finding[] = [];
    const c = cues(f);
    const offer = c.product.length + c.promo.length + c.strong.length > 0;
    const selling = c.promo.length + c.strong.length > 0 || c.product.length > 0;
    const inName = f.field === 'name';
    const what = names(f, [...c.strong, ...c.product, ...c.promo]);
    const block = (code: string, span: { start: number; end: number; match: string } | undefined, score: number, message: string): void => {
      reasons.push({ code, label: 'spam', severity: 'block', field: f.field, ...(span ? { span } : {}), score, message });
    };

    for (const u of f.links.urls) {
      const span = spanOf(f, u.start, u.end);
      block('spam.link', span, 0.95, `پیوند تبلیغاتی «${span.match}»`);
    }
    for (const d of f.links.domains) {
      const span = spanOf(f, d.start, d.end);
      // A domain written in disguise («amlak dot ir», «shop . com») hides from link filters on
      // purpose: that is advertising, unless the "host" is a function word («the dot com era»).
      const host = d.text.split('.')[0] ?? '';
      const disguised = /[\s[\](){}]/.test(span.match) && host.length >= 3 && !FUNCTION_WORDS.has(host);
      if (offer || inName || disguised) block('spam.domain', span, 0.9, `نشانی سایت همراه با تبلیغ «${span.match}»${what ? ` (${what})` : ''}`);
      else reasons.push({ code: 'spam.domain', label: 'spam', severity: 'review', field: f.field, span, score: 0.6, message: `نشانی سایت «${span.match}»` });
    }
    for (const h of [...f.links.handles, ...cuedHandles(f)]) {
      if (!offer && !inName) continue; // a bare handle is personal data (pii phase)
      const span = spanOf(f, h.start, h.end);
      block('spam.handle', span, 0.9, `شناسهٔ فروشنده «${span.match}»${what ? ` (${what})` : ''}`);
    }
    for (const n of personalNumbers(f)) {
      const span = spanOf(f, n.start, n.end);
      if ((n.kind === 'mobile' || n.kind === 'landline') && (selling || inName)) {
        block('spam.phone', span, 0.9, `شمارهٔ تماس برای تبلیغ «${span.match}»${what ? ` (${what})` : ''}`);
      } else if (n.kind === 'card' && (c.strong.length > 0 || c.product.length > 0 || (c.sale.length > 0 && c.promo.length > 0))) {
        // A card number with «واریز» or «کارت به کارت» alone may be the writer's own bank
        // trouble or a donation: a seller's card comes with something on sale.
        block('spam.card', span, 0.85, `شمارهٔ کارت فروشنده «${span.match}» (${names(f, [...c.sale, ...c.product, ...c.strong])})`);
      }
    }
    if (reasons.length === 0) {
      // No contact at all: the words must be unmistakable advertising on their own.
      const strong = new Set(c.strong.map((h) => h.entry.term)).size;
      // Words inside a strong phrase are that phrase, not more evidence.
      const outside = (hs: Hit[]): Hit[] => hs.filter((h) => !c.strong.some((s) => s.first <= h.first && h.last <= s.last));
      const other = new Set([...outside(c.product), ...outside(c.promo)].map((h) => h.entry.term)).size;
      const products = new Set(outside(c.product).map((h) => h.entry.term)).size;
      const promos = new Set(outside(c.promo).map((h) => h.entry.term)).size;
      const ad =
        strong >= 2 ||
        (strong >= 1 && other >= 1) ||
        (products >= 1 && promos >= 3) ||
        (products >= 1 && promos >= 1 && c.contact.length > 0) ||
        (inName && (strong + other > 0 || c.contact.length > 0));
      if (ad) {
        const first = [...c.strong, ...c.product, ...c.promo, ...c.contact].sort((a, b) => a.first - b.first)[0];
        const span = first ? tokenSpan(f, first.first, first.last) : undefined;
        block(
          inName ? 'spam.name' : 'spam.promotion',
          span,
          inName ? 0.9 : 0.85,
          inName ? `نام تبلیغاتی (${what || names(f, c.contact)})` : `متن تبلیغاتی (${what})`,
        );
      }
    }
    for (const h of f.hits) {
      if (h.entry.kind !== 'custom' || h.entry.label !== 'spam') continue;
      const span = tokenSpan(f, h.first, h.last);
      reasons.push({
        code: 'spam.custom',
        label: 'spam',
        severity: h.entry.severity ?? 'block',
        field: f.field,
        span,
        score: 0.85,
        message: `عبارت تبلیغاتی افزوده‌شده: «${span.match}»`,
      });
    }
    if (f.oversized) {
      reasons.push({
        code: 'spam.oversized',
        label: 'spam',
        severity: 'review',
        field: f.field,
        score: 0.5,
        message: `متن بیش از ${MAX_FIELD_CHARS.toLocaleString('fa-IR')} نویسه است و تنها آغاز آن بررسی شد`,
      });
    }
    return output(reasons);
  },
};
