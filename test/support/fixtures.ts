/**
 * The shared fixtures (../shared/fixtures) exist on the developers' machines
 * and in CI, not in a user's fresh clone: tests that read them skip, saying so,
 * when they are absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));
/**
 * `DABIR_TEST_HIDE_SHARED=1` runs the suite as a user's fresh clone sees it, with no
 * ../shared beside it (CI runs it both ways).
 */
const HIDDEN = process.env.DABIR_TEST_HIDE_SHARED === '1';
export const HAVE_SHARED = !HIDDEN && existsSync(SHARED_FIXTURES);
export const SHARED_SKIP_NOTE = HIDDEN
  ? 'skipped: DABIR_TEST_HIDE_SHARED=1 hides ../shared/fixtures, as in a fresh clone'
  : `skipped: ${SHARED_FIXTURES} is absent (it exists beside the repository on the developers' machines and in CI)`;

/** Whether a file of the shared fixtures is there to read (`path` relative to ../shared/fixtures). */
export function haveShared(path: string): boolean {
  return HAVE_SHARED && existsSync(SHARED_FIXTURES + path);
}

export function readShared(path: string): string {
  return readFileSync(SHARED_FIXTURES + path, 'utf8');
}

/** The story of seed-article.txt, parsed the way the issue describes it. */
export function seedArticle(): { title: string; code: number; lead: string; body: string; source: string; subheading: string } {
  const lines = readShared('seed-article.txt')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const title = lines[0]!;
  const codeLine = lines.findIndex((l) => l.startsWith('کد خبر'));
  const code = Number(lines[codeLine]!.replace(/[^0-9]/g, ''));
  const rest = lines.slice(codeLine + 1);
  const lead = rest[0]!;
  const end = rest.findIndex((l) => /^[0-9۰-۹]+$/.test(l));
  const paragraphs = rest.slice(1, end === -1 ? undefined : end);
  const subheading = 'درباره عدم امنیت هاتگرام و طلاگرام هشدار دادیم';
  const source = paragraphs.find((p) => p.startsWith('به گزارش مهر')) ?? '';
  const body = paragraphs
    .filter((p) => p !== source)
    .map((p) => (p === subheading ? `<h2>${p}</h2>` : `<p>${p}</p>`))
    .join('\n');
  return { title, code, lead, body, source, subheading };
}
