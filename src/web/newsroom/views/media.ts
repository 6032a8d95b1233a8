/** The media library page: upload (multipart, with the alt text) and the images with their alt text. */
import { MEDIA_LIMITS, type MediaItem } from '../../../media/index.js';
import { html, type SafeHtml } from '../../views/index.js';
import { csrfField, fa, jalali, type Viewer } from './layout.js';

export function mediaMain(viewer: Viewer, input: { items: MediaItem[]; missingAlt: boolean }): SafeHtml {
  return html`<h1>رسانه‌ها</h1>
<section aria-labelledby="upload-title"><h2 id="upload-title">بارگذاری تصویر</h2>
<form method="post" action="/newsroom/media" enctype="multipart/form-data" class="stack">
${csrfField(viewer)}
<div class="field"><label for="media-alt">متن جایگزین (برای نابینایان و موتورهای جستجو)</label><input id="media-alt" name="alt" type="text" maxlength="300" aria-describedby="alt-note"><p id="alt-note" class="field-note">پیش از انتشار خبری که این تصویر را دارد، متن جایگزین لازم است.</p></div>
<div class="field"><label for="media-file">پرونده</label><input id="media-file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/gif,image/avif" required aria-describedby="file-note"><p id="file-note" class="field-note">JPEG، PNG، WebP، GIF یا AVIF، حداکثر ${fa(MEDIA_LIMITS.maxBytes / 1024 / 1024)} مگابایت و ${fa(MEDIA_LIMITS.maxPixels / 1_000_000)} مگاپیکسل. SVG پذیرفته نمی‌شود.</p></div>
<button type="submit" class="primary">بارگذاری</button>
</form></section>
<section aria-labelledby="library-title"><h2 id="library-title">کتابخانه</h2>
<nav class="filters" aria-label="پالایش تصویرها"><ul><li><a href="/newsroom/media"${!input.missingAlt && html` aria-current="page"`}>همه</a></li><li><a href="/newsroom/media?missingAlt=1"${input.missingAlt && html` aria-current="page"`}>بدون متن جایگزین</a></li></ul></nav>
${
  input.items.length === 0
    ? html`<p>تصویری نیست.</p>`
    : html`<ul class="media-grid">${input.items.map(
        (m) =>
          html`<li class="media-item" id="media-${m.id}">
<img src="${m.url}" srcset="${m.srcset}" sizes="14rem" width="${m.width}" height="${m.height}" alt="${m.alt}" loading="lazy">
<p class="muted">${fa(m.width)}×${fa(m.height)} · ${jalali(m.createdAt)}</p>
<form method="post" action="/newsroom/media/${m.id}/alt" class="stack">${csrfField(viewer)}
<div class="field"><label for="alt-${m.id}">متن جایگزین</label><input id="alt-${m.id}" name="alt" type="text" maxlength="300" value="${m.alt}"></div>
<button type="submit">ثبت متن جایگزین</button></form>
</li>`,
      )}</ul>`
}
</section>`;
}
