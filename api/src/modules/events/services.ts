import type { LiveEvents } from './live';
import type { LiveSession } from './sessions';

/** Live events are part of every request's services; a WebSocket operation also carries its connection's session. */
declare module '../../base/context' {
  interface AppServices {
    events: LiveEvents;
  }
  interface Context {
    session?: LiveSession;
  }
}
