import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type KioskBridge } from '../../src/contract/ipc.js';

// Two allow-listed channels and nothing else: the renderer never sees ipcRenderer itself.
const bridge: KioskBridge = {
  call: (method, input, sessionToken) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input, sessionToken),
  onEvent: (listener) => {
    const forward = (_event: IpcRendererEvent, message: unknown) => listener(message);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
