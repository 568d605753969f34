import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { DeviceConfig, DeviceKind, DevicePorts, DeviceStatus, MethodOutput, PrintOutcome, ScannerScanned } from '../../../../src/contract/api.js';
import { ErrorBox, Panel } from '../common.js';
import { useAction } from '../hooks.js';
import { printOutcomeText } from '../reception/PrintPanel.js';
import { useStation } from '../stationContext.js';
import { useStaffI18n, type StaffTranslate } from '../staffI18n.js';

type Overview = MethodOutput<'devices.overview'>;
// The camera decoder (wasm) loads only when someone opens the camera test.
const CameraScanner = lazy(() => import('../../camera/CameraScanner.js').then((module) => ({ default: module.CameraScanner })));
type Key = Parameters<StaffTranslate>[0];
const KINDS: DeviceKind[] = ['printer', 'scanner', 'buttons'];
const ANSWERS = [1, 2, 3, 4] as const;

/**
 * The technician's device screen: each device's health and history, a test print, live scanner
 * and button tests, the simulators' levers, and the choice of transport and port.
 */
export function DevicesTab() {
  const { t } = useStaffI18n();
  const { client, who } = useStation();
  const technician = who.staff?.role === 'technician';
  const [overview, setOverview] = useState<Overview>();
  const action = useAction();

  const load = useCallback(() => {
    void action.run('load', async () => setOverview(await client.call('devices.overview', {})));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- action.run is stable
  }, [client]);
  useEffect(() => {
    load();
    return client.on('device.status', (status) =>
      setOverview((current) =>
        current && {
          ...current,
          devices: current.devices.some((device) => device.id === status.id) ? current.devices.map((device) => (device.id === status.id ? status : device)) : [...current.devices, status],
          history: [{ at: status.since, device: status.id, state: status.state, ...(status.detail ? { detail: status.detail } : {}) }, ...current.history].slice(0, 100),
        },
      ),
    );
  }, [client, load]);

  if (!overview) return action.error ? <ErrorBox error={action.error} onClose={load} /> : <p className="station-loading">{t('common.loading')}</p>;
  const status = (kind: DeviceKind) => overview.devices.find((device) => device.id === kind);
  const simulated = (kind: DeviceKind) => technician && overview.simulated.includes(kind);
  return (
    <div className="devices">
      <ErrorBox error={action.error} onClose={action.clearError} />
      <div className="devices-grid">
        <PrinterPanel status={status('printer')} simulated={simulated('printer')} technician={technician} />
        <ScannerPanel status={status('scanner')} simulated={simulated('scanner')} />
        <ButtonsPanel status={status('buttons')} simulated={simulated('buttons')} />
      </div>
      {/* Keyed by the settings: new settings from the kiosk start a fresh draft. */}
      {technician && <ConfigurePanel key={JSON.stringify(overview.config)} config={overview.config} onSaved={setOverview} />}
      <Panel title={t('devices.history')} testId="device-history">
        {overview.history.length === 0 ? (
          <p className="st-muted">{t('devices.noHistory')}</p>
        ) : (
          <table className="st-table">
            <tbody>
              {overview.history.map((entry, index) => (
                <tr key={`${entry.at}-${index}`}>
                  <td>{new Date(entry.at).toLocaleString()}</td>
                  <td>{t(`devices.kind.${entry.device}` as Key)}</td>
                  <td>{t(`device.state.${entry.state}` as Key)}</td>
                  <td className="st-muted">{entry.detail ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}

function StatusLine({ status }: { status: DeviceStatus | undefined }) {
  const { t } = useStaffI18n();
  if (!status) return <p className="st-muted">{t('devices.none')}</p>;
  const good = status.state === 'online';
  return (
    <div className="device-status" data-testid={`device-state-${status.id}`} data-state={status.state}>
      <span className={`device-dot ${good ? 'ok' : status.state === 'unknown' ? '' : 'bad'}`} aria-hidden="true" />
      <strong>{t(`device.state.${status.state}` as Key)}</strong>
      <span className="st-muted">{status.driver}</span>
      {status.detail && <span className="st-muted device-detail">{status.detail}</span>}
    </div>
  );
}

function PrinterPanel({ status, simulated, technician }: { status: DeviceStatus | undefined; simulated: boolean; technician: boolean }) {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const action = useAction();
  const [result, setResult] = useState<PrintOutcome>();
  const simulate = (input: { paper?: 'ok' | 'near-end' | 'out'; cover?: 'open' | 'closed'; connected?: boolean }) =>
    void action.run('simulate', () => client.call('devices.simulate', { device: 'printer', ...input }));
  return (
    <Panel title={t('devices.kind.printer')} testId="device-printer">
      <StatusLine status={status} />
      <ErrorBox error={action.error} onClose={action.clearError} />
      <div className="st-actions">
        <button type="button" className="st-button" disabled={action.busy !== undefined} data-testid="printer-probe" onClick={() => void action.run('probe', () => client.call('devices.probe', { device: 'printer' }))}>
          {t('devices.probe')}
        </button>
        {technician && (
          <button
            type="button"
            className="st-button primary"
            disabled={action.busy !== undefined}
            data-testid="printer-test"
            onClick={() => void action.run('test', () => client.call('devices.testPrint', {})).then((outcome) => outcome && setResult(outcome))}
          >
            {action.busy === 'test' ? t('common.wait') : t('devices.testPrint')}
          </button>
        )}
      </div>
      {result && (
        <p className="st-result" role="status" data-testid="printer-test-result" data-status={result.status}>
          {printOutcomeText(result, t)}
        </p>
      )}
      {simulated && (
        <fieldset className="simulator" data-testid="printer-simulator">
          <legend>{t('devices.simulator')}</legend>
          <button type="button" className="st-button" data-testid="sim-paper-out" onClick={() => simulate({ paper: 'out' })}>
            {t('devices.sim.paperOut')}
          </button>
          <button type="button" className="st-button" data-testid="sim-paper-near-end" onClick={() => simulate({ paper: 'near-end' })}>
            {t('devices.sim.paperNearEnd')}
          </button>
          <button type="button" className="st-button" data-testid="sim-paper-ok" onClick={() => simulate({ paper: 'ok' })}>
            {t('devices.sim.paperLoaded')}
          </button>
          <button type="button" className="st-button" data-testid="sim-cover-open" onClick={() => simulate({ cover: 'open' })}>
            {t('devices.sim.coverOpen')}
          </button>
          <button type="button" className="st-button" data-testid="sim-cover-closed" onClick={() => simulate({ cover: 'closed' })}>
            {t('devices.sim.coverClosed')}
          </button>
          <button type="button" className="st-button" data-testid="sim-printer-unplug" onClick={() => simulate({ connected: false })}>
            {t('devices.sim.unplug')}
          </button>
          <button type="button" className="st-button" data-testid="sim-printer-plug" onClick={() => simulate({ connected: true })}>
            {t('devices.sim.plug')}
          </button>
        </fieldset>
      )}
    </Panel>
  );
}

function ScannerPanel({ status, simulated }: { status: DeviceStatus | undefined; simulated: boolean }) {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const action = useAction();
  const [scans, setScans] = useState<ScannerScanned[]>([]);
  const [text, setText] = useState('');
  const [camera, setCamera] = useState(false);
  const [cameraResult, setCameraResult] = useState<string>();
  useEffect(() => client.on('scanner.scanned', (scan) => setScans((current) => [scan, ...current].slice(0, 8))), [client]);
  return (
    <Panel title={t('devices.kind.scanner')} testId="device-scanner">
      <StatusLine status={status} />
      <p className="st-hint">{t('devices.scanHint')}</p>
      <ul className="scan-log" aria-live="polite" data-testid="scan-log">
        {scans.map((scan) => (
          <li key={scan.scanId} data-testid="scan-entry" data-ok={scan.result.ok}>
            {scan.result.ok ? `${t(`devices.scanKind.${scan.result.kind}` as Key)} ${scan.result.masked}` : `${t('devices.scanRejected')}: ${scan.result.problem}`}
          </li>
        ))}
      </ul>
      <div className="st-actions">
        <button type="button" className="st-button" data-testid="camera-test" onClick={() => setCamera(true)}>
          {t('devices.cameraTest')}
        </button>
        {cameraResult && (
          <span className="st-muted" data-testid="camera-result">
            {t('devices.cameraRead', { length: cameraResult.length })}
          </span>
        )}
      </div>
      {camera && (
        <Suspense fallback={<p className="station-loading">{t('common.loading')}</p>}>
          <CameraScanner
            onScan={(scanned) => {
              // The technician sees that something was read, not what: a test card may be a real one.
              setCameraResult(scanned);
              setCamera(false);
            }}
            onCancel={() => setCamera(false)}
          />
        </Suspense>
      )}
      {simulated && (
        <fieldset className="simulator" data-testid="scanner-simulator">
          <legend>{t('devices.simulator')}</legend>
          <input className="st-input" value={text} maxLength={512} data-testid="sim-scan-text" aria-label={t('devices.sim.scanText')} onChange={(event) => setText(event.target.value)} />
          <button type="button" className="st-button" data-testid="sim-scan" disabled={text.length === 0} onClick={() => void action.run('scan', () => client.call('devices.simulate', { device: 'scanner', scan: text }))}>
            {t('devices.sim.scan')}
          </button>
          <ErrorBox error={action.error} onClose={action.clearError} />
        </fieldset>
      )}
    </Panel>
  );
}

function ButtonsPanel({ status, simulated }: { status: DeviceStatus | undefined; simulated: boolean }) {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const action = useAction();
  const [selected, setSelected] = useState<number>();
  const [presses, setPresses] = useState(0);
  useEffect(
    () =>
      client.on('buttons.pressed', (press) => {
        setSelected(press.button);
        setPresses((count) => count + 1);
      }),
    [client],
  );
  return (
    <Panel title={t('devices.kind.buttons')} testId="device-buttons">
      <StatusLine status={status} />
      <p className="st-hint">{t('devices.buttonsHint')}</p>
      <div className="button-test" role="radiogroup" aria-label={t('devices.kind.buttons')} data-testid="button-test" data-selected={selected ?? ''} data-presses={presses}>
        {ANSWERS.map((answer) => (
          <span key={answer} role="radio" aria-checked={selected === answer} className={`button-test-answer ${selected === answer ? 'selected' : ''}`}>
            {answer}
          </span>
        ))}
        {selected === 5 && <span className="button-test-answer selected">{t('devices.helpButton')}</span>}
      </div>
      {simulated && (
        <fieldset className="simulator" data-testid="buttons-simulator">
          <legend>{t('devices.simulator')}</legend>
          {[1, 2, 3, 4, 5].map((button) => (
            <button key={button} type="button" className="st-button" data-testid={`sim-press-${button}`} onClick={() => void action.run('press', () => client.call('devices.simulate', { device: 'buttons', press: button }))}>
              {button === 5 ? t('devices.helpButton') : button}
            </button>
          ))}
          <ErrorBox error={action.error} onClose={action.clearError} />
        </fieldset>
      )}
    </Panel>
  );
}

/** Transport and port per device; saved to the configuration file and applied without a restart. */
function ConfigurePanel({ config, onSaved }: { config: DeviceConfig; onSaved(overview: Overview): void }) {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const action = useAction();
  const [ports, setPorts] = useState<DevicePorts>();
  const [drafts, setDrafts] = useState<Record<DeviceKind, string>>(() => draftsOf(config));
  const [saved, setSaved] = useState(false);
  const listPorts = () => void action.run('ports', async () => setPorts(await client.call('devices.ports', {})));
  useEffect(listPorts, [client]); // eslint-disable-line react-hooks/exhaustive-deps -- once per page

  const save = async () => {
    setSaved(false);
    const sections: Partial<Record<DeviceKind, unknown>> = {};
    for (const kind of KINDS) {
      if (drafts[kind] === draftsOf(config)[kind]) continue;
      try {
        sections[kind] = JSON.parse(drafts[kind]) as unknown;
      } catch {
        action.clearError();
        await action.run('save', () => Promise.reject(new Error(t('devices.configNotJson', { device: t(`devices.kind.${kind}` as Key) }))));
        return;
      }
    }
    const overview = await action.run('save', () => client.call('devices.configure', sections as never));
    if (overview) {
      onSaved(overview);
      setSaved(true);
    }
  };

  return (
    <Panel title={t('devices.configure')} testId="device-config">
      <p className="st-hint">{t('devices.configureHint')}</p>
      <div className="device-config-grid">
        {KINDS.map((kind) => (
          <label key={kind} className="st-field">
            <span>{t(`devices.kind.${kind}` as Key)}</span>
            <textarea className="st-input mono" rows={6} spellCheck={false} value={drafts[kind]} data-testid={`config-${kind}`} onChange={(event) => setDrafts({ ...drafts, [kind]: event.target.value })} />
          </label>
        ))}
      </div>
      <ErrorBox error={action.error} onClose={action.clearError} />
      <div className="st-actions">
        <button type="button" className="st-button primary" disabled={action.busy !== undefined} data-testid="config-save" onClick={() => void save()}>
          {t('devices.save')}
        </button>
        <button type="button" className="st-button" disabled={action.busy !== undefined} data-testid="ports-refresh" onClick={listPorts}>
          {t('devices.listPorts')}
        </button>
        {saved && <span className="print-ok">{t('devices.saved')}</span>}
      </div>
      {ports && (
        <div className="ports" data-testid="ports">
          <h3>{t('devices.ports.serial')}</h3>
          <ul>{ports.serial.length === 0 ? <li className="st-muted">–</li> : ports.serial.map((port) => <li key={port.path}>{[port.path, port.manufacturer, port.vendorId && `${port.vendorId}:${port.productId ?? ''}`].filter(Boolean).join(' · ')}</li>)}</ul>
          <h3>{t('devices.ports.hid')}</h3>
          <ul>
            {ports.hid.length === 0 ? (
              <li className="st-muted">–</li>
            ) : (
              ports.hid.map((device) => (
                <li key={`${device.vendorId}:${device.productId}:${device.product ?? ''}`}>
                  {[`vendorId ${device.vendorId}`, `productId ${device.productId}`, device.product, device.manufacturer].filter(Boolean).join(' · ')}
                </li>
              ))
            )}
          </ul>
          <h3>{t('devices.ports.usbPrinters')}</h3>
          <ul>{ports.usbPrinters.length === 0 ? <li className="st-muted">–</li> : ports.usbPrinters.map((path) => <li key={path}>{path}</li>)}</ul>
          {ports.problems.map((problem) => (
            <p key={problem} className="st-muted">
              {problem}
            </p>
          ))}
        </div>
      )}
    </Panel>
  );
}

function draftsOf(config: DeviceConfig): Record<DeviceKind, string> {
  return { printer: JSON.stringify(config.printer, null, 2), scanner: JSON.stringify(config.scanner, null, 2), buttons: JSON.stringify(config.buttons, null, 2) };
}
