import { Inngest } from 'inngest';

/** The Inngest client. Event and signing keys are read by the SDK from INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY. */
export const inngest = new Inngest({ id: 'communityos' });
