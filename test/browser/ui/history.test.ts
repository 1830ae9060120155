// The consent history view gets the receipts through the view it is rendered with (an explicit
// hand-over), not by climbing the DOM to <clinic-consent> for its api.
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { renderHistory } from '../../../src/ui/clinic-consent/history.js';
import type { ConsentView } from '../../../src/ui/clinic-consent/view.js';
import en from '../../../src/ui/locales/en.js';
import { forgetChoice, startCore, until } from './fixtures.js';

describe('renderHistory', () => {
  afterEach(async () => {
    document.querySelectorAll('#history-host, clinic-consent, cc-launcher').forEach((element) => element.remove());
    await forgetChoice();
  });

  it('reads the history from the receipts the view hands over, wherever it is rendered', async () => {
    // Regression (issue 12): it found the api through getRootNode().host, so outside <clinic-consent>'s
    // shadow root it silently showed nothing.
    const api = await startCore();
    let asked = 0;
    const view = {
      config: api.config,
      state: api.getState(),
      locale: 'en',
      bundle: 'en',
      t: en,
      draft: {},
      receipts: { ...api.receipts, history: () => (asked++, api.receipts.history()) },
    } as unknown as ConsentView;
    const host = Object.assign(document.createElement('div'), { id: 'history-host' });
    document.body.append(host);
    render(renderHistory(view), host);
    const details = host.querySelector('details') as HTMLDetailsElement;
    details.open = true;
    await until(() => host.querySelector('.history-body')?.textContent?.trim(), 'the history is shown');
    expect(asked).to.equal(1);
  });
});
