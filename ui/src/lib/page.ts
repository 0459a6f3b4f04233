import type { TenderView } from '../bindings/TenderView';

/** What every step's screen is given: the open tender, and where to send the view an edit returns. */
export type PageProps = { tender: TenderView; onchange: (view: TenderView) => void };
