// One component of the dossier (thành phần hồ sơ) with its files: those attached (to download or remove), those
// being sent (a progress bar each), a zone to drop or pick more, and the applicant's own documents to reuse. Used
// by the wizard and by the supplement on the dossier's page.
import { DeleteOutlined, FileOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Progress } from 'antd';
import { useState } from 'react';
import { type ComponentSlot, componentFileUrl, dossierKey, removeFile } from '../../api/dossiers.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { DocumentPicker } from './DocumentPicker.tsx';
import { FileDrop } from './FileDrop.tsx';
import { acceptAttribute } from './file-check.ts';
import { isNetworkFailure, type Upload, useUploads } from './useUploads.ts';

interface ComponentFilesProps {
  dossierId: string;
  slot: ComponentSlot;
  /** Files may be added and the applicant's own removed (a draft, or a supplement asked for). */
  editable: boolean;
  /** Why the server refused the dossier for this component, or why it cannot go on without it. */
  problem?: string;
}

export function ComponentFiles({ dossierId, slot, editable, problem }: ComponentFilesProps) {
  const { t } = useI18n();
  const f = t.portal.files;
  const uploads = useUploads(dossierId, slot);
  const [picking, setPicking] = useState(false);
  const headingId = `component-${slot.index}`;
  return (
    <section className={`component${problem ? ' component--problem' : ''}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="component__name">
        <span lang="vi">
          {slot.index}. {slot.name}
        </span>{' '}
        <span className={slot.required ? 'required-tag' : 'optional-tag'}>
          {slot.required ? t.procedure.required : t.procedure.optional}
        </span>
      </h3>
      {problem && (
        <p className="field-error" role="alert" lang="vi">
          {problem}
        </p>
      )}
      {slot.files.length > 0 && (
        <ul className="file-list" aria-label={f.attached}>
          {slot.files.map((file) => (
            <AttachedFile key={file.id} dossierId={dossierId} file={file} removable={editable && file.byApplicant} />
          ))}
        </ul>
      )}
      {uploads.uploads.length > 0 && (
        <ul className="file-list" aria-label={f.sending}>
          {uploads.uploads.map((u) => (
            <UploadRow
              key={u.key}
              upload={u}
              onRetry={() => uploads.retry(u)}
              onDismiss={() => uploads.dismiss(u.key)}
            />
          ))}
        </ul>
      )}
      {editable && (
        <>
          <FileDrop
            label={
              <>
                {f.drop}
                <span className="visually-hidden" lang="vi">
                  {' '}
                  ({slot.name})
                </span>
              </>
            }
            hint={t.procedure.accepted(slot.acceptedTypes.join(', '), slot.maxSizeMb)}
            accept={acceptAttribute(slot.acceptedTypes)}
            multiple
            onFiles={(files) => void uploads.add(files)}
          />
          <Button
            className="component__reuse"
            icon={<FolderOpenOutlined aria-hidden />}
            onClick={() => setPicking(true)}
          >
            {f.reuse}
          </Button>
          {picking && <DocumentPicker dossierId={dossierId} slot={slot} onClose={() => setPicking(false)} />}
        </>
      )}
    </section>
  );
}

const sizeOf = (bytes: number, t: ReturnType<typeof useI18n>['t']) => t.portal.files.size(bytes);

function AttachedFile({
  dossierId,
  file,
  removable,
}: {
  dossierId: string;
  file: ComponentSlot['files'][number];
  removable: boolean;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => removeFile(dossierId, file.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dossierKey(dossierId) }),
  });
  return (
    <li className="file-row">
      <FileOutlined aria-hidden />
      <a href={componentFileUrl(dossierId, file.id)} download={file.fileName} className="file-row__name">
        {file.fileName}
      </a>
      <span className="muted small">{sizeOf(file.size, t)}</span>
      {removable && (
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined aria-hidden />}
          loading={remove.isPending}
          onClick={() => remove.mutate()}
          aria-label={t.portal.files.remove(file.fileName)}
        />
      )}
      {remove.isError && <ProblemAlert error={remove.error} />}
    </li>
  );
}

function UploadRow({ upload: u, onRetry, onDismiss }: { upload: Upload; onRetry(): void; onDismiss(): void }) {
  const { t } = useI18n();
  const f = t.portal.files;
  if (u.state === 'uploading') {
    const percent = Math.round(u.progress * 100);
    return (
      <li className="file-row file-row--uploading">
        <span className="file-row__name">{u.file.name}</span>
        <Progress percent={percent} size="small" aria-label={f.progress(u.file.name, percent)} />
        <span className="muted small" aria-live="polite">
          {u.attempt > 1 ? f.retrying(u.attempt) : f.uploading}
        </span>
      </li>
    );
  }
  const message =
    u.state === 'refused'
      ? u.refusal.kind === 'type'
        ? f.wrongType(u.file.name, u.refusal.accepted)
        : u.refusal.kind === 'size'
          ? f.tooBig(u.file.name, u.refusal.maxMb)
          : f.wrongContent(u.file.name)
      : null;
  return (
    <li className="file-row file-row--failed">
      {message ? (
        <Alert type="error" showIcon role="alert" title={message} />
      ) : isNetworkFailure(u.state === 'failed' ? u.error : null) ? (
        <Alert type="error" showIcon role="alert" title={f.networkFailed(u.file.name)} />
      ) : (
        <ProblemAlert error={u.state === 'failed' ? u.error : null} />
      )}
      <span className="file-row__actions">
        {u.state === 'failed' && <Button onClick={onRetry}>{t.problem.retry}</Button>}
        <Button type="text" onClick={onDismiss}>
          {f.dismiss}
        </Button>
      </span>
    </li>
  );
}
