/** Stable error codes of the video-reception service, beside the shared `ErrorCodes`. */
export const VideoReceptionErrorCodes = {
  /** The leader already receives someone in this slot (exclusion constraint), and no waitlist place was taken. */
  slotTaken: 'SLOT_TAKEN',
  /** The reception day has as many receptions as its capacity allows, and no waitlist place was taken. */
  receptionDayFull: 'RECEPTION_DAY_FULL',
  /** The hall hosts another session at an overlapping time (exclusion constraint). */
  hallBusy: 'HALL_BUSY',
  /** The petitioner already holds a booking at an overlapping time (exclusion constraint). */
  petitionerDoubleBooked: 'PETITIONER_DOUBLE_BOOKED',
  /** The petitioner is already waiting for this slot. */
  alreadyWaitlisted: 'ALREADY_WAITLISTED',
  /** `slotStartsAt` is not the start of one of the reception day's slots. */
  unknownSlot: 'UNKNOWN_SLOT',
  /** The slot has started or is over; only later slots can be booked. */
  slotPassed: 'SLOT_PASSED',
  /** The reception day was cancelled. */
  receptionDayCancelled: 'RECEPTION_DAY_CANCELLED',
  /** The hall is not one of the halls that may connect to this reception day, or is inactive. */
  hallNotConnected: 'HALL_NOT_CONNECTED',
  /** The matter's kind is not among the kinds the reception day accepts. */
  kindNotAccepted: 'KIND_NOT_ACCEPTED',
  /** The booking's state does not allow this step (e.g. check-in before approval). */
  invalidBookingState: 'INVALID_BOOKING_STATE',
  /** Check-in or join links outside the window around the slot. */
  outsideSessionWindow: 'OUTSIDE_SESSION_WINDOW',
  /** The recurrence rule is malformed, unbounded, or uses parts that are not allowed. */
  invalidRecurrence: 'INVALID_RECURRENCE',
  /** The time window, slot length or capacity do not fit together. */
  invalidWindow: 'INVALID_WINDOW',
  /** The schedule produces no reception day (all skipped, or before today). */
  noReceptionDays: 'NO_RECEPTION_DAYS',
  /** The date already has a reception day in this schedule. */
  receptionDayExists: 'RECEPTION_DAY_EXISTS',
  /** A hall of the schedule is unknown, inactive or outside the schedule's jurisdiction. */
  unknownHall: 'UNKNOWN_HALL',
  /** Outcomes that concern a petition case need its petition number. */
  petitionNumberRequired: 'PETITION_NUMBER_REQUIRED',
  /** Wrong, or already used, record confirmation code. */
  confirmationCodeInvalid: 'CONFIRMATION_CODE_INVALID',
  /** The signature is not a PNG or JPEG image, or too large. */
  invalidSignatureImage: 'INVALID_SIGNATURE_IMAGE',
  /** The record was already confirmed. */
  recordAlreadyConfirmed: 'RECORD_ALREADY_CONFIRMED',
} as const;
export type VideoReceptionErrorCode =
  (typeof VideoReceptionErrorCodes)[keyof typeof VideoReceptionErrorCodes];
