import { describe, expect, it } from 'vitest';
import type { User } from '../auth/index.js';
import { allowedActions, canEditStory } from './workflow.js';

const user = (role: User['role'], id = 1): User => ({ id, email: `${role}@example.com`, name: role, role });

describe('the story workflow, from the one permission table', () => {
  it('offers a reporter saving and submitting a new story, never publishing', () => {
    expect(allowedActions(user('reporter'), undefined)).toEqual(['save', 'submit']);
  });

  it('lets a reporter withdraw an own story under review but not publish it', () => {
    expect(allowedActions(user('reporter', 7), { status: 'review', authorId: 7 })).toEqual(['save', 'withdraw']);
  });

  it('gives a reporter nothing on a story by someone else, or on an own story once published', () => {
    expect(allowedActions(user('reporter', 7), { status: 'draft', authorId: 8 })).toEqual([]);
    expect(allowedActions(user('reporter', 7), { status: 'published', authorId: 7 })).toEqual([]);
    expect(canEditStory(user('reporter', 7), { status: 'scheduled', authorId: 7 })).toBe(false);
  });

  it('lets an editor publish or schedule a story under review, and unpublish a published one', () => {
    expect(allowedActions(user('editor', 2), { status: 'review', authorId: 7 })).toEqual(['save', 'withdraw', 'publish', 'schedule']);
    expect(allowedActions(user('editor', 2), { status: 'published', authorId: 7 })).toEqual(['save', 'unpublish']);
    expect(allowedActions(user('editor', 2), { status: 'scheduled', authorId: 7 })).toEqual(['save', 'publish', 'schedule', 'unpublish']);
    expect(allowedActions(user('editor', 2), { status: 'unpublished', authorId: 7 })).toEqual(['save', 'publish', 'schedule']);
  });

  it('gives a moderator no story actions at all', () => {
    expect(allowedActions(user('moderator'), undefined)).toEqual([]);
    expect(allowedActions(user('moderator'), { status: 'draft', authorId: 1 })).toEqual([]);
  });

  it('gives an administrator what an editor has', () => {
    expect(allowedActions(user('admin', 3), { status: 'draft', authorId: 7 })).toEqual(['save', 'submit', 'publish', 'schedule']);
  });
});
