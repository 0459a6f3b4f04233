import type { TenderView } from '../bindings/TenderView';

/**
 * What every step's screen is given: the open tender, where to send the view an edit returns, and how to
 * send the user to the overview (where the tender's missing fields are filled in).
 */
export type PageProps = { tender: TenderView; onchange: (view: TenderView) => void; onoverview?: () => void };
