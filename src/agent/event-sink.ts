import type { ThreadEvent, ThreadItem } from './events.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type ItemBody = DistributiveOmit<ThreadItem, 'id'>;

/**
 * Numbers items `item_0`, `item_1`, ... in emission order (started and completed of
 * one item share the id) and hands events to the renderer.
 */
/** Facts for renderers that are not part of the public event (e.g. how long a command ran). */
export interface EventMeta {
  readonly durationMs?: number;
}

export interface EventSink {
  emit(event: ThreadEvent, meta?: EventMeta): void;
  /** Allocates the next item id. */
  nextItemId(): string;
  /** item.completed for a new item (no started event). */
  completeNew(body: ItemBody): string;
}

export function createEventSink(write: (event: ThreadEvent, meta?: EventMeta) => void): EventSink {
  let n = 0;
  const nextItemId = (): string => `item_${n++}`;
  return {
    emit: write,
    nextItemId,
    completeNew(body) {
      const id = nextItemId();
      write({ type: 'item.completed', item: { id, ...body } });
      return id;
    },
  };
}
