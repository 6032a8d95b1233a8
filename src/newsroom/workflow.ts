/**
 * The story workflow as the newsroom offers it (pure): draft → review →
 * scheduled or published → unpublished. Which buttons a person sees comes
 * from the one permission table (`can`), and the server checks the same
 * answer before doing anything, so a hidden button is never the only fence.
 */
import { can, type User } from '../auth/index.js';
import type { ArticleStatus } from '../storage/index.js';

export type WorkflowAction = 'save' | 'submit' | 'withdraw' | 'publish' | 'schedule' | 'unpublish';

/** What the workflow needs to know about a story; undefined for one not yet saved. */
export interface StoryState {
  status: ArticleStatus;
  authorId: number | null;
}

/** Persian labels of the statuses, as the newsroom shows them. */
export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'پیش‌نویس',
  review: 'در انتظار بررسی',
  scheduled: 'زمان‌بندی‌شده',
  published: 'منتشرشده',
  unpublished: 'از انتشار خارج‌شده',
};

/** The buttons' labels. */
export const ACTION_LABELS: Record<WorkflowAction, string> = {
  save: 'ذخیره',
  submit: 'فرستادن برای بررسی',
  withdraw: 'بازگرداندن به پیش‌نویس',
  publish: 'انتشار',
  schedule: 'زمان‌بندی انتشار',
  unpublish: 'خارج کردن از انتشار',
};

/** Whether the user may change this story at all. */
export function canEditStory(user: User, story: StoryState | undefined): boolean {
  if (!story) return can(user.role, 'article.write');
  if (can(user.role, 'article.edit.any')) return true;
  return can(user.role, 'article.write') && story.authorId === user.id && (story.status === 'draft' || story.status === 'review');
}

/** The workflow actions this user may take on this story, in the order the buttons appear. */
export function allowedActions(user: User, story: StoryState | undefined): WorkflowAction[] {
  if (!canEditStory(user, story)) return [];
  const status = story?.status ?? 'draft';
  const own = story === undefined || story.authorId === user.id;
  const out: WorkflowAction[] = ['save'];
  if (status === 'draft') out.push('submit');
  if (status === 'review' && (own || can(user.role, 'article.edit.any'))) out.push('withdraw');
  if (can(user.role, 'article.publish')) {
    if (status !== 'published') out.push('publish');
    if (status !== 'published') out.push('schedule');
    if (status === 'published' || status === 'scheduled') out.push('unpublish');
  }
  return out;
}

/** The status an action asks for; undefined keeps the story's status. */
export function statusFor(action: WorkflowAction): ArticleStatus | undefined {
  switch (action) {
    case 'save':
      return undefined;
    case 'submit':
      return 'review';
    case 'withdraw':
      return 'draft';
    case 'publish':
      return 'published';
    case 'schedule':
      return 'scheduled';
    case 'unpublish':
      return 'unpublished';
  }
}

export function isWorkflowAction(value: unknown): value is WorkflowAction {
  return typeof value === 'string' && value in ACTION_LABELS;
}
