// The e-form as the applicant will see it on the portal: the same @rjsf form, widgets and checks as the portal's
// submission wizard. Loaded only when the e-form tab is opened. A schema @rjsf cannot draw says so instead of
// breaking the page.
import RjsfForm from '@rjsf/antd';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { Component, type ReactNode, useMemo } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { EformValidator } from '../../../portal/submit/eform/validator.ts';
import { widgets } from '../../../portal/submit/eform/widgets.tsx';

class PreviewBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function EFormPreview({ schema, ui }: { schema: Record<string, unknown>; ui: Record<string, unknown> }) {
  const { t } = useI18n();
  const validator = useMemo(() => new EformValidator(t.portal.eformErrors), [t]);
  const { title, ...rest } = schema as RJSFSchema;
  return (
    // A new schema gets a new boundary: a schema corrected after a failure is drawn again.
    <PreviewBoundary
      key={JSON.stringify([schema, ui])}
      fallback={<p role="alert">{t.consoleAdmin.catalog.noPreview}</p>}
    >
      <div className="eform" lang="vi">
        {typeof title === 'string' && <p className="eform__title">{title}</p>}
        <RjsfForm
          schema={rest}
          uiSchema={{ ...(ui as UiSchema), 'ui:submitButtonOptions': { norender: true } }}
          validator={validator}
          widgets={widgets}
          showErrorList={false}
          noHtml5Validate
          liveValidate="onChange"
        />
      </div>
    </PreviewBoundary>
  );
}
