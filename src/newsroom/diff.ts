/**
 * A word-level diff for revisions (pure). Text is cut into words and the runs
 * of space between them, so the pieces put together give the text back; the
 * shortest edit script between the two token lists is found with Myers'
 * algorithm (E. W. Myers, "An O(ND) Difference Algorithm and Its Variations",
 * Algorithmica 1, 1986), after the common head and tail are set aside.
 * A Persian word keeps its zero-width non-joiner (U+200C): it is not a space.
 */

/** One run of the diff: text kept, removed from the old, or added in the new. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Words and the spaces between them, in order. */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Past this many differences the middle is shown as removed and added whole. */
const MAX_EDITS = 4000;

/** The diff of two texts, word by word, with neighbouring parts of one kind merged. */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  push('same', a.slice(0, head).join(''));
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  for (const op of myers(midA, midB)) push(op.kind, op.text);
  push('same', a.slice(a.length - tail).join(''));
  return parts;
}

interface Op {
  kind: DiffPart['kind'];
  text: string;
}

/** The edit script from `a` to `b`, token by token. */
function myers(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((text) => ({ kind: 'added' as const, text }));
  if (m === 0) return a.map((text) => ({ kind: 'removed' as const, text }));
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  // v[k + offset] is the furthest x reached on diagonal k; one copy is kept per d to walk back.
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!) ? v[k + 1 + offset]! : v[k - 1 + offset]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[k + offset] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
  }
  if (found < 0) {
    // Too different to be worth the work: everything old out, everything new in.
    return [...a.map((text) => ({ kind: 'removed' as const, text })), ...b.map((text) => ({ kind: 'added' as const, text }))];
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && vd[k - 1 + offset]! < vd[k + 1 + offset]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[prevK + offset]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: 'same', text: a[--x]! });
      y--;
    }
    if (down) ops.push({ kind: 'added', text: b[--y]! });
    else ops.push({ kind: 'removed', text: a[--x]! });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: 'same', text: a[--x]! });
    y--;
  }
  return ops.reverse();
}
