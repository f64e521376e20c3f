import 'server-only';

/** The server side of the realtime seam (see components/realtime for the browser side). */
export { realtimeClientMode } from './ably-rest';
export {
  type CallMembership,
  type ConversationMembership,
  canAccessChannel,
  dbCallMembership,
  dbConversationMembership,
  dbStreamAccess,
  type StreamAccess,
} from './access';
export {
  callChannel,
  conversationChannel,
  PRESENCE_EVENT,
  parseChannel,
  streamChannel,
  userChannel,
} from './channels';
export type { PresenceMember, PresenceUpdate, RealtimeMessage } from './local-bus';
export { presenceMembers, publish } from './publish';
