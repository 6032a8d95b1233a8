/**
 * Bar charts drawn on the server as SVG (no chart library, no script): one bar
 * per day, the oldest on the right as a right-to-left reader expects, a few
 * Jalali date labels, the largest value on the axis, and a `<title>` on every
 * bar. The same figures follow in a table for screen readers and keyboards.
 */
import { escapeHtml } from '../../../html/index.js';
import { formatJalaliDate, toPersianDigits } from '../../../persian/index.js';
import type { DailySeries } from '../../../newsroom/index.js';
import { dayStart } from '../../../newsroom/index.js';
import { html, raw, type SafeHtml } from '../../views/index.js';

const W = 720;
const H = 220;
const PAD = { top: 16, right: 12, bottom: 36, left: 48 };

/** A round top for the axis: 1, 2 or 5 times a power of ten, at least the largest value. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

export function barChart(input: { id: string; title: string; unit: string; series: DailySeries }): SafeHtml {
  const { values, firstDay } = input.series;
  const max = niceMax(Math.max(0, ...values));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, values.length);
  const barW = Math.max(2, slot * 0.7);
  const total = values.reduce((a, b) => a + b, 0);
  const label = (i: number) => formatJalaliDate(dayStart(firstDay + i));
  let bars = '';
  let ticks = '';
  values.forEach((v, i) => {
    // Right to left: the first (oldest) day stands at the right edge.
    const x = PAD.left + plotW - (i + 1) * slot + (slot - barW) / 2;
    const h = (v / max) * plotH;
    const y = PAD.top + plotH - h;
    bars += `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${Math.max(0, h).toFixed(1)}" class="bar"><title>${escapeHtml(`${label(i)}: ${toPersianDigits(v)} ${input.unit}`)}</title></rect>`;
    if (i % 7 === 0 || i === values.length - 1) {
      ticks += `<text x="${(x + barW / 2).toFixed(1)}" y="${H - PAD.bottom + 18}" text-anchor="middle" class="tick">${escapeHtml(label(i).split(' ').slice(0, 2).join(' '))}</text>`;
    }
  });
  const axis = `<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${W - PAD.right}" y2="${PAD.top + plotH}" class="axis"/>
<line x1="${PAD.left}" y1="${PAD.top}" x2="${W - PAD.right}" y2="${PAD.top}" class="grid"/>
<text x="${PAD.left - 6}" y="${PAD.top + 4}" text-anchor="end" class="tick">${toPersianDigits(max)}</text>
<text x="${PAD.left - 6}" y="${PAD.top + plotH + 4}" text-anchor="end" class="tick">${toPersianDigits(0)}</text>`;
  const summary = `${input.title}: ${toPersianDigits(total)} ${input.unit} در ${toPersianDigits(values.length)} روز، از ${label(0)} تا ${label(values.length - 1)}`;
  return html`<figure class="chart">
<figcaption id="${input.id}-caption">${input.title}</figcaption>
<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="${input.id}-title" xmlns="http://www.w3.org/2000/svg"><title id="${input.id}-title">${summary}</title>${raw(axis)}${raw(bars)}${raw(ticks)}</svg>
<details><summary>جدول ${input.title}</summary>
<table><caption class="visually-hidden">${input.title}</caption><thead><tr><th scope="col">روز</th><th scope="col">${input.unit}</th></tr></thead><tbody>
${values.map((v, i) => html`<tr><td>${label(i)}</td><td>${toPersianDigits(v)}</td></tr>`)}
</tbody></table></details>
</figure>`;
}
