import { useActivityReporting, useStatusPolling } from './autolock';
import { selectPhase, useStore } from './store';
import { AppShell } from './screens/AppShell';
import { CreateVault } from './screens/CreateVault';
import { RecoverProfile } from './screens/RecoverProfile';
import { RecoveryKeyScreen } from './screens/RecoveryKeyScreen';
import { Loading, Unreachable } from './screens/StatusScreens';
import { Unlock } from './screens/Unlock';

export function App() {
  const phase = useStore(selectPhase);
  useStatusPolling();
  useActivityReporting(phase === 'app' || phase === 'recoveryKey' || phase === 'recovering');

  switch (phase) {
    case 'loading':
      return <Loading />;
    case 'unreachable':
      return <Unreachable />;
    case 'create':
      return <CreateVault />;
    case 'unlock':
      return <Unlock />;
    case 'recovering':
      return <RecoverProfile />;
    case 'recoveryKey':
      return <RecoveryKeyScreen />;
    case 'app':
      return <AppShell />;
  }
}
