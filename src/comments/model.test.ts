import { describe, expect, it } from 'vitest';
import { duplicateKey, initialStatus, threadComments, validateSubmission } from './model.js';

describe('comment rules', () => {
  it('accepts an ordinary Persian comment', () => {
    expect(validateSubmission({ name: 'مریم', email: 'maryam@example.com', body: 'خبر خوبی بود، ممنون.' })).toEqual({});
  });

  it('names each field that is wrong, in Persian', () => {
    const problems = validateSubmission({ name: ' ', email: 'not-an-email', body: 'x' });
    expect(Object.keys(problems).sort()).toEqual(['body', 'email', 'name']);
    expect(problems.email).toMatch(/ایمیل/);
  });

  it('counts the length limit in code points, not UTF-16 units', () => {
    const emoji = '😀'.repeat(3000);
    expect(validateSubmission({ name: 'ن', email: 'a@example.com', body: emoji })).toEqual({});
    expect(validateSubmission({ name: 'ن', email: 'a@example.com', body: emoji + '😀' }).body).toBeDefined();
  });

  it('sees a resend with other spacing and punctuation as the same comment', () => {
    expect(duplicateKey('خبر  خوبی بود!')).toBe(duplicateKey('خبر خوبی بود'));
    expect(duplicateKey('خبر خوبی بود')).not.toBe(duplicateKey('خبر بدی بود'));
  });

  it('threads replies under their parents, oldest first at every level', () => {
    const at = (m: number) => new Date(Date.UTC(2026, 10, 28, 10, m));
    const tree = threadComments([
      { id: 3, parentId: 1, name: 'ج', body: 'پاسخ دوم', createdAt: at(3) },
      { id: 1, parentId: null, name: 'الف', body: 'اول', createdAt: at(1) },
      { id: 2, parentId: 1, name: 'ب', body: 'پاسخ اول', createdAt: at(2) },
      { id: 4, parentId: null, name: 'د', body: 'دوم', createdAt: at(4) },
      { id: 5, parentId: 99, name: 'ه', body: 'پدرش منتشر نشده', createdAt: at(5) },
    ]);
    expect(tree.map((n) => n.id)).toEqual([1, 4, 5]);
    expect(tree[0]!.children.map((n) => n.id)).toEqual([2, 3]);
  });

  it('nests five levels and shows deeper replies at the fifth, in reading order, saying whom they answer', () => {
    const at = (m: number) => new Date(Date.UTC(2026, 10, 28, 10, m));
    const chain = Array.from({ length: 8 }, (_, i) => ({ id: i + 1, parentId: i === 0 ? null : i, name: `n${i + 1}`, body: 'پاسخ', createdAt: at(i) }));
    const tree = threadComments([...chain, { id: 20, parentId: 4, name: 'n20', body: 'پاسخ دیگر به چهارمی', createdAt: at(30) }]);
    let level = tree;
    for (let depth = 1; depth < 5; depth++) level = level[0]!.children;
    // Level five holds the fifth comment, then every deeper reply as its sibling.
    expect(level.map((n) => n.id)).toEqual([5, 6, 7, 8, 20]);
    expect(level.map((n) => n.inReplyTo?.id)).toEqual([undefined, 5, 6, 7, undefined]);
    expect(level.every((n) => n.children.length === 0)).toBe(true);
  });

  it('threads a chain of 20,000 replies without running out of stack', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => ({
      id: i + 1,
      parentId: i === 0 ? null : i,
      name: 'ن',
      body: 'پاسخ',
      createdAt: new Date(i * 1000),
    }));
    const tree = threadComments(chain);
    expect(tree.length).toBe(1);
    let level = tree;
    for (let depth = 1; depth < 5; depth++) level = level[0]!.children;
    expect(level.length).toBe(20_000 - 4);
  });

  it('starts a thread for comments caught in a loop of parents (damaged data)', () => {
    const at = new Date(0);
    const tree = threadComments([
      { id: 1, parentId: 2, name: 'الف', body: 'یک', createdAt: at },
      { id: 2, parentId: 1, name: 'ب', body: 'دو', createdAt: at },
    ]);
    expect(tree.map((n) => n.id)).toEqual([1]);
    expect(tree[0]!.children.map((n) => n.id)).toEqual([2]);
  });

  it('files comments by mode and verdict', () => {
    const base = { learnedOnly: false, trusted: false };
    expect(initialStatus({ ...base, verdict: 'allow', labels: [], mode: 'pre', trusted: true })).toBe('pending');
    expect(initialStatus({ ...base, verdict: 'allow', labels: [], mode: 'post' })).toBe('published');
    expect(initialStatus({ ...base, verdict: 'review', labels: ['insult'], mode: 'post', trusted: true })).toBe('pending');
    expect(initialStatus({ ...base, verdict: 'review', labels: ['insult'], learnedOnly: true, mode: 'post', trusted: false })).toBe('pending');
    expect(initialStatus({ ...base, verdict: 'review', labels: ['insult'], learnedOnly: true, mode: 'post', trusted: true })).toBe('published');
    expect(initialStatus({ ...base, verdict: 'block', labels: ['spam'], mode: 'post', trusted: true })).toBe('spam');
    expect(initialStatus({ ...base, verdict: 'block', labels: ['profanity'], mode: 'post' })).toBe('rejected');
  });
});
