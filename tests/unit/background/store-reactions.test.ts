import { describe, expect, it } from 'vitest';
import { refreshesAllBadges, StoreReactions } from '../../../src/background/store-reactions';
import type { RetentionReason } from '../../../src/retention/report';
import { emptyChange, type StoreChange } from '../../../src/store/events';

function recorder() {
  const calls: string[] = [];
  const reactions = new StoreReactions({
    retention: { run: async (reason: RetentionReason) => (calls.push(`retention:${reason}`), null) },
    digest: { scheduleRebuild: (delay?: number) => void calls.push(`digest:${delay}`) },
    refreshAllBadges: async () => void calls.push('badges'),
    settleMs: 5,
  });
  return { calls, reactions };
}

const change = (fields: Partial<StoreChange> & Pick<StoreChange, 'why'>): StoreChange => ({ ...emptyChange(fields.why), ...fields });

describe('what follows a store write', () => {
  it('after an import: retention, then the digest, then every badge', async () => {
    const { calls, reactions } = recorder();
    await reactions.handle(change({ why: 'import', created: ['a00000000001'] }));
    expect(calls).toEqual(['retention:store', 'digest:2000', 'badges']);
  });

  it('folds a burst of events (an import, batch by batch) into one reaction', async () => {
    const { calls, reactions } = recorder();
    const done = [1, 2, 3].map((i) => reactions.handle(change({ why: 'import', created: [`a0000000000${i}`] })));
    await Promise.all(done);
    expect(calls).toEqual(['retention:store', 'digest:2000', 'badges']);
  });

  it('the same badge rule whatever wrote the article; a reading mark changes no badge', async () => {
    expect(refreshesAllBadges(change({ why: 'save', created: ['a00000000001'] }))).toBe(true);
    expect(refreshesAllBadges(change({ why: 'page', created: ['a00000000001'] }))).toBe(true);
    expect(refreshesAllBadges(change({ why: 'feed', updated: ['a00000000001'] }))).toBe(true);
    expect(refreshesAllBadges(change({ why: 'prune', deleted: ['a00000000001'] }))).toBe(true);
    expect(refreshesAllBadges(change({ why: 'page', read: ['a00000000001'] }))).toBe(false);
    const { calls, reactions } = recorder();
    await reactions.handle(change({ why: 'save', created: ['a00000000001'] }));
    expect(calls).toEqual(['digest:2000', 'badges']);
  });

  it('a page read: the digest later, no pruning; badges were set by the report itself', async () => {
    const { calls, reactions } = recorder();
    await reactions.handle(change({ why: 'page', created: ['a00000000001'] }));
    await reactions.handle(change({ why: 'page', read: ['a00000000001'] }));
    expect(calls).toEqual(['digest:15000', 'digest:15000']);
  });

  it('pruning is not pruned again; feed-state changes alone ask for nothing', async () => {
    const { calls, reactions } = recorder();
    await reactions.handle(change({ why: 'feed', feeds: true }));
    expect(calls).toEqual([]);
    await reactions.handle(change({ why: 'prune', deleted: ['a00000000001'] }));
    expect(calls).toEqual(['digest:2000', 'badges']);
    await reactions.handle(change({ why: 'feed', feeds: true, created: ['a00000000002'] }));
    expect(calls.slice(2)).toEqual(['retention:feeds', 'digest:2000', 'badges']);
  });

  it('says a digest rebuild is coming as soon as the event arrives, before the burst settles', async () => {
    const calls: string[] = [];
    const reactions = new StoreReactions({
      retention: { run: async () => null },
      digest: { scheduleRebuild: (delay?: number) => void calls.push(`digest:${delay}`), expectRebuild: () => void calls.push('expect') },
      refreshAllBadges: async () => undefined,
      settleMs: 50,
    });
    const done = reactions.handle(change({ why: 'import', created: ['a00000000001'] }));
    expect(calls).toEqual(['expect']);
    await done;
    expect(calls).toEqual(['expect', 'digest:2000']);
    // A feed-state change alone rebuilds nothing, so it announces nothing.
    await reactions.handle(change({ why: 'feed', feeds: true }));
    expect(calls).toEqual(['expect', 'digest:2000']);
  });
});
