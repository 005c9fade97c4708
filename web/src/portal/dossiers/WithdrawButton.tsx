// Rút hồ sơ: asked for with a reason in a confirmation dialog (it cannot be undone), sent once whatever the clicks.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Modal } from 'antd';
import { useId, useState } from 'react';
import { act, type DossierDetail, newIdempotencyKey } from '../../api/dossiers.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { forgetKey, keyFor } from '../submit/wizard-storage.ts';

export function WithdrawButton({ dossier }: { dossier: DossierDetail }) {
  const { t } = useI18n();
  const w = t.portal.withdraw;
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const reasonId = useId();
  const purpose = `withdraw.${dossier.id}`;
  const withdraw = useMutation({
    mutationFn: () =>
      act(dossier.id, 'withdraw', keyFor(purpose, newIdempotencyKey), dossier.version, { reason: reason.trim() }),
    onSuccess: async () => {
      forgetKey(purpose);
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ['applicant'] });
    },
  });
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        {w.button}
      </Button>
      <Modal
        open={open}
        title={w.title}
        okText={w.confirm}
        cancelText={w.cancel}
        okButtonProps={{ danger: true, loading: withdraw.isPending }}
        onCancel={() => setOpen(false)}
        onOk={() => {
          if (!reason.trim()) return setMissing(true);
          if (!withdraw.isPending) withdraw.mutate();
        }}
      >
        <p>{w.warning}</p>
        <label htmlFor={reasonId} className="field-label">
          {w.reason}
        </label>
        <Input.TextArea
          id={reasonId}
          rows={3}
          maxLength={4000}
          value={reason}
          status={missing ? 'error' : undefined}
          aria-describedby={missing ? `${reasonId}-missing` : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            setMissing(false);
          }}
        />
        {missing && (
          <p id={`${reasonId}-missing`} className="field-error" role="alert">
            {w.reasonMissing}
          </p>
        )}
        {withdraw.isError && <ProblemAlert error={withdraw.error} />}
      </Modal>
    </>
  );
}
