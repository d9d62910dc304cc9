// Renders the real app against the real backend in the same process (no hand-written fake):
// the bridge hands each call to the dispatcher, cloning like a real transport would.
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/src/app/App';
import { setBridge } from '../../renderer/src/api/bridge';
import { useAppStore } from '../../renderer/src/stores/app';
import { dispatch } from '../../electron/backend/dispatch';
import type { BackendSetup, TestBackend } from '../helpers/backend';
import { makeBackend } from '../helpers/backend';

export function renderApp(
  setup: BackendSetup & { year?: number; prepare?: (backend: TestBackend) => void } = {},
) {
  const backend: TestBackend = makeBackend(setup);
  setup.prepare?.(backend);
  setBridge({
    invoke: async (method, input) =>
      structuredClone(await dispatch(backend.ctx, method, structuredClone(input))),
    on: () => () => undefined,
  });
  useAppStore.setState({
    info: null,
    screen: 'units',
    year: setup.year ?? 2017,
    dataVersion: 0,
  });
  const user = userEvent.setup();
  const view = render(<App />);
  return { backend, user, ...view };
}
