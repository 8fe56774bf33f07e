import type { RegisterTable } from '../../../shared/vocabulary';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { RegisterExport } from './RegisterExport';

interface Props {
  table: RegisterTable;
  /** The screen's current filters, in the contract's terms. */
  filters?: Record<string, unknown>;
  /** The same filters in words, for the dialog. */
  filterWords?: readonly string[];
}

/** "Export…" on a register's own screen: the export flow with what the screen shows. */
export function ExportButton({ table, filters = {}, filterWords }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        {t('exports.button')}
      </button>
      <Dialog open={open} title={t('exports.dialogTitle', { register: t(`exports.registers.${table}.name`) })} busy={busy} onCancel={() => setOpen(false)} wide>
        <RegisterExport table={table} filters={filters} filterWords={filterWords} onBusyChange={setBusy} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={() => setOpen(false)} disabled={busy}>
            {t('exports.close')}
          </button>
        </div>
      </Dialog>
    </>
  );
}
