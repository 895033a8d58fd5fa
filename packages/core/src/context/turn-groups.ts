import type { Message } from '../types/messages.js';

/** A conversation split into what must stay and what may be dropped, oldest first. */
export interface TurnGroups {
  /** Indexes of system messages: always kept, in place. */
  system: number[];
  /**
   * Droppable turns before the last user message, oldest first. A turn starts at a user
   * message and holds the replies and tool results after it, so dropping a whole turn
   * never leaves a tool result without its call.
   */
  turns: number[][];
  /** Indexes from the last user message to the end: always kept. */
  tail: number[];
}

/** Splits messages into system messages, droppable turns and the kept last turn. */
export function groupTurns(messages: readonly Message[]): TurnGroups {
  const system: number[] = [];
  const turns: number[][] = [];
  const tail: number[] = [];
  let lastUser = -1;
  messages.forEach((message, index) => {
    if (message.role === 'user') lastUser = index;
  });
  let current: number[] | undefined;
  messages.forEach((message, index) => {
    if (message.role === 'system') {
      system.push(index);
    } else if (lastUser !== -1 && index >= lastUser) {
      tail.push(index);
    } else {
      if (!current || message.role === 'user') {
        current = [];
        turns.push(current);
      }
      current.push(index);
    }
  });
  return { system, turns, tail };
}

/** The messages kept when the `dropped` oldest turns go, in their original order. */
export function keepAfterDropping(
  messages: readonly Message[],
  groups: TurnGroups,
  dropped: number,
): Message[] {
  const gone = new Set(groups.turns.slice(0, dropped).flat());
  return messages.filter((_, index) => !gone.has(index));
}
