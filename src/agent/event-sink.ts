import type { ThreadEvent, ThreadItem } from './events.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type ItemBody = DistributiveOmit<ThreadItem, 'id'>;

/**
 * Numbers items `item_0`, `item_1`, ... in emission order (started and completed of
 * one item share the id) and hands events to the renderer.
 */
export interface EventSink {
  emit(event: ThreadEvent): void;
  /** Allocates the next item id. */
  nextItemId(): string;
  /** item.completed for a new item (no started event). */
  completeNew(body: ItemBody): string;
}

export function createEventSink(write: (event: ThreadEvent) => void): EventSink {
  let n = 0;
  const nextItemId = (): string => `item_${n++}`;
  return {
    emit: write,
    nextItemId,
    completeNew(body) {
      const id = nextItemId();
      write({ type: 'item.completed', item: { id, ...body } as ThreadItem });
      return id;
    },
  };
}
