/** Who joins a session, and how the provider should treat them. */
export interface VideoParticipant {
  /** Stable id within the session (`petitioner`, `official`, `hall:<id>`). */
  id: string;
  displayName: string;
  /** Moderators may mute, admit and end (the official). */
  moderator: boolean;
  /** The division the participant joins from, passed on as the group. */
  divisionCode: string;
}

export interface VideoRoom {
  /** The provider's room name or id. */
  room: string;
}

/**
 * The seam for a video system: the default signs Jitsi-compatible JWT join links; a vendor's
 * system (a province's own video platform) implements the same two calls.
 */
export abstract class VideoProvider {
  abstract readonly name: string;

  /** Creates (or names) the room of one session. */
  abstract provisionRoom(session: {
    bookingCode: string;
    startsAt: Date;
    endsAt: Date;
  }): Promise<VideoRoom>;

  /** A link that lets one participant into the room between `validFrom` and `validUntil` only. */
  abstract joinLink(
    room: VideoRoom,
    participant: VideoParticipant,
    validity: { validFrom: Date; validUntil: Date },
  ): Promise<string>;
}
