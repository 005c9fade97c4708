// "Giấy tờ của tôi": documents the applicant already gave in earlier dossiers (Decree 45: not asked for again),
// offered for a component when their type fits; choosing one attaches it without uploading it again.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, Modal, Skeleton } from 'antd';
import { type ComponentSlot, dossierKey, reuseDocument, useDocuments } from '../../api/dossiers.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';

interface DocumentPickerProps {
  dossierId: string;
  slot: ComponentSlot;
  onClose(): void;
}

export function DocumentPicker({ dossierId, slot, onClose }: DocumentPickerProps) {
  const { t } = useI18n();
  const f = t.portal.files;
  const queryClient = useQueryClient();
  const documents = useDocuments();
  const reuse = useMutation({
    mutationFn: (documentId: string) => reuseDocument(dossierId, slot.index, documentId),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: dossierKey(dossierId) });
      onClose();
    },
  });
  const fitting = (documents.data?.pages.flatMap((p) => p.items) ?? []).filter((d) =>
    slot.acceptedTypes.includes(d.type),
  );
  return (
    <Modal open title={f.reuseTitle(slot.name)} onCancel={onClose} footer={null} destroyOnHidden>
      {reuse.isError && <ProblemAlert error={reuse.error} />}
      {documents.isError ? (
        <ProblemAlert error={documents.error} onRetry={() => documents.refetch()} />
      ) : !documents.data ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : fitting.length === 0 ? (
        <Empty description={f.noDocuments} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <ul className="document-list">
          {fitting.map((d) => (
            <li key={d.id}>
              <span className="document-list__name">{d.fileName}</span>
              <span className="muted small" lang="vi">
                {d.componentName}
                {d.dossier.code ? ` · ${d.dossier.code}` : ''} · {t.portal.date(d.uploadedAt)}
              </span>
              <Button
                size="small"
                loading={reuse.isPending && reuse.variables === d.id}
                onClick={() => reuse.mutate(d.id)}
              >
                {f.use}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {documents.hasNextPage && (
        <Button block loading={documents.isFetchingNextPage} onClick={() => documents.fetchNextPage()}>
          {t.catalogue.loadMore}
        </Button>
      )}
    </Modal>
  );
}
