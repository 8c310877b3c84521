import type { InquiryView } from '@hub/shared';

/** Phone-like contacts only: the project form's contact phone must be a phone number. */
const PHONE = /^[0-9+\-() ]{5,30}$/;

/**
 * R23 → R3: what a project registration can take over from the inquiry it comes from. An
 * organisation is the owner and its contact person the contact; a person is the contact (the owner
 * organisation is asked for at the window). The subject is only a starting point for the name.
 */
export function projectPrefill(inquiry: InquiryView) {
  const { kind, name, contactName, contact } = inquiry.inquirer;
  return {
    name: inquiry.subject,
    owner: {
      name: kind === 'organisation' ? name : '',
      contactName: kind === 'organisation' ? (contactName ?? '') : name,
      contactPhone: PHONE.test(contact) ? contact : '',
    },
  };
}
