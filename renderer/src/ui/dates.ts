// Dates are typed as Vietnamese users write them (17/02/2017) and sent as typed: the contract's
// `isoDate` schema reads dd/mm/yyyy (or ISO) and gives the message for anything else.

/** The props every date field shares. */
export const DATE_INPUT = { placeholder: 'dd/mm/yyyy', inputMode: 'numeric' } as const;
