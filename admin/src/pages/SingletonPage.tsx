import { useMemo } from 'react';
import { AccessDenied, Edit, Loading, SaveButton, SimpleForm, Toolbar, useAuthenticated, useCanAccess, useNotify, useTranslate } from 'react-admin';
import { formInputs, type FormOptions } from '../generator/inputs';
import { resourceNameKey } from '../i18n/generated';
import type { SingletonEntry } from '../resources/registry';

/**
 * The edit page of a singleton (e.g. the caller's tenant): the form is generated from the
 * mutation's arguments and constraints like any resource form. The loaded `version` is carried
 * in a hidden input; server field errors land on their inputs; read-only without `:edit`.
 */
export const SingletonPage = ({ entry, form }: { entry: SingletonEntry; form?: FormOptions }) => {
  useAuthenticated();
  const notify = useNotify();
  const translate = useTranslate();
  const view = useCanAccess({ resource: entry.name, action: 'show' });
  const edit = useCanAccess({ resource: entry.name, action: 'edit' });
  const readOnly = !edit.canAccess;
  const inputs = useMemo(() => formInputs(entry.mutation, { ...form, readOnly }), [entry.mutation, form, readOnly]);

  if (view.isPending || edit.isPending) return <Loading />;
  if (!view.canAccess) return <AccessDenied />;
  return (
    <Edit
      resource={entry.name}
      id="current"
      title={translate(resourceNameKey(entry.name), { smart_count: 1 })}
      actions={false}
      redirect={false}
      mutationMode="pessimistic"
      disableAuthentication
      mutationOptions={{ onSuccess: () => notify(`resources.${entry.name}.notifications.saved`, { type: 'success' }) }}
    >
      <SimpleForm
        noValidate
        sx={{ maxWidth: 880 }}
        toolbar={
          readOnly ? (
            false
          ) : (
            <Toolbar>
              <SaveButton />
            </Toolbar>
          )
        }
      >
        {inputs}
      </SimpleForm>
    </Edit>
  );
};
