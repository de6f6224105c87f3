import { forwardedCaseStatusReceivedEvent } from '@minsheng/contracts';
import { DerivedEventPublisher } from './derived-event-publisher.js';

describe('DerivedEventPublisher.eventIdFor', () => {
  // Ids derived by earlier builds (uuid's v5 of the subject and cause as strings) are already in
  // streams and inboxes: a re-publish after an upgrade must derive the same id to be stored once.
  it('derives the same ids as earlier builds did, for ASCII and non-ASCII causes', () => {
    expect(
      DerivedEventPublisher.eventIdFor(
        forwardedCaseStatusReceivedEvent,
        '3f0c7b0e-1d7e-4a55-9b2a-8f1e2d3c4b5a',
      ),
    ).toBe('39e54359-e0da-5e58-8554-ef0f937cccb2');
    expect(
      DerivedEventPublisher.eventIdFor(forwardedCaseStatusReceivedEvent, '报告-成都-0001'),
    ).toBe('e17ea1c0-37f6-59dd-ba9c-5241074615d5');
  });

  it('derives a name-based (version 5) uuid that differs with the cause', () => {
    const a = DerivedEventPublisher.eventIdFor(forwardedCaseStatusReceivedEvent, 'a');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(DerivedEventPublisher.eventIdFor(forwardedCaseStatusReceivedEvent, 'b')).not.toBe(a);
  });
});
