// What an accepted action asks the service layer to carry out. The engine only describes; storage, the calendar
// (deadlines in working time), numbering, mail and the national portal are the service's business.

import type { StepTime } from './definition.ts';
import type { PauseReason } from './state.ts';

export const DELIVERIES = ['desk', 'post', 'electronic'] as const;
/** How the result reaches the applicant (DOMAIN.md §4 step 5). */
export type Delivery = (typeof DELIVERIES)[number];

/** Notices to the applicant; `form` names the Circular 01/2018 form that goes with it. */
export type Notice =
  | { event: 'submitted' }
  | { event: 'received'; form: '01' }
  | { event: 'supplement_requested'; form: '02'; reason: string }
  | { event: 'refused'; form: '03'; reason: string }
  | { event: 'extended'; form: '04'; reason: string; newDate: number }
  | { event: 'payment_due' }
  | { event: 'result_ready' }
  | { event: 'returned' }
  | { event: 'suspended'; reason: string }
  | { event: 'resumed' }
  | { event: 'withdrawn' }
  | { event: 'cancelled'; reason: string }
  | { event: 'status_changed' };

/** Changes of the legal processing clock; the calendar module turns them into paused intervals and due times. */
export type ClockEffect =
  | { type: 'clock.start'; at: number }
  | { type: 'clock.pause'; at: number; reason: PauseReason }
  | { type: 'clock.resume'; at: number; reason: PauseReason }
  /** Counting starts again from zero (a supplement under the Decree 61 rule (?)). */
  | { type: 'clock.restart'; at: number }
  | { type: 'clock.stop'; at: number };

export type Effect =
  | ClockEffect
  /** Allocate the dossier code; it carries the receiving unit (Decree 118/2025). */
  | { type: 'code.assign'; receivingUnit: string }
  /** Compute the appointment (Form 01) from the procedure's processing time, counted from `from`. */
  | { type: 'appointment.set'; from: number }
  /** Form 04: the new date replaces the appointment for the applicant, not for lateness statistics. */
  | { type: 'appointment.extend'; newDate: number; reason: string }
  /** The step's own due time, computed by the calendar module. */
  | { type: 'step.deadline'; step: string; from: number; timeAllowed: StepTime }
  /** A row of Form 05 (control sheet): who handed the dossier to whom, and when. */
  | {
      type: 'handover.record';
      at: number;
      fromStep: string;
      toStep: string;
      fromAgency: string;
      toAgency: string;
      by: string | null;
    }
  | { type: 'agency.handOff'; at: number; from: string; to: string; purpose: 'workflow' | 'consultation' }
  | { type: 'agency.takeBack'; at: number; from: string; to: string; purpose: 'workflow' | 'consultation' }
  | { type: 'result.require_signature'; step: string }
  | { type: 'result.signed'; documentId: string }
  | { type: 'result.deliver'; channel: Delivery }
  | { type: 'payment.require'; step: string }
  | { type: 'payment.confirm'; ref: string }
  | { type: 'notify.applicant'; notice: Notice }
  | { type: 'notify.staff'; staffId: string; step: string };
