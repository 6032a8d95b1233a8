// Phase: the learned signal. A classifier trained on the newsroom's own decisions can send a
// comment that none of the rules caught to a moderator; it never blocks on its own, because a
// statistical guess is not a reason to silence a reader. It runs on the text only, and only
// when the rules have not already blocked the comment.
import { output, type Phase } from './types.js';

export const classifier: Phase = {
  name: 'classifier',
  skipWhenBlocked: true,
  run({ field: f, engine }) {
    const model = engine.classifier;
    if (model === undefined || f.field !== 'text') return undefined;
    const p = model.score(f.norm.text);
    if (!(p >= engine.classifierThreshold)) return undefined;
    const percent = Math.round(p * 100).toLocaleString('fa-IR');
    // The classifier learns "rejected or not", not why; abuse is by far the commonest reason
    // moderators reject what the rules let through, so its label is insult.
    return output([
      {
        code: 'classifier.similar',
        label: 'insult',
        severity: 'review',
        field: 'text',
        score: Math.min(p, 0.85),
        message: `شبیه نظرهایی که پیش‌تر رد شده‌اند (احتمال ${percent}٪)`,
      },
    ]);
  },
};
