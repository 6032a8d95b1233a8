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
