import { Injectable } from '@nestjs/common';

/**
 * Runs the booking transactions for one reception day one after another inside this process.
 * Postgres still decides (other replicas book the same day), but without this queue a burst for
 * one popular slot parks every pooled connection in a lock wait behind the day's row, and requests
 * for other days time out waiting for a connection. Waiting here holds no connection.
 */
@Injectable()
export class ReceptionDayQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(receptionDayId: string, work: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(receptionDayId) ?? Promise.resolve()).then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(receptionDayId, tail);
    void tail.then(() => {
      if (this.tails.get(receptionDayId) === tail) this.tails.delete(receptionDayId);
    });
    return result;
  }

  /** Days with bookings queued or running (for tests and metrics). */
  get busyDays(): number {
    return this.tails.size;
  }
}
