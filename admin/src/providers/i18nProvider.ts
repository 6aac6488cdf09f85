import { defaultI18nProvider, type I18nProvider } from 'react-admin';
import { RESOURCES, SINGLETONS } from '../resources/registry';

/**
 * Resource names and notifications from the registry ("singular |||| plural"), on top of
 * react-admin's English messages.
 */
const messages: Record<string, string> = Object.fromEntries([
  ...RESOURCES.flatMap((r) => {
    const one = r.singular ?? r.label;
    const many = r.label.toLowerCase();
    return [
      [`resources.${r.name}.name`, `${one} |||| ${r.label}`],
      [`resources.${r.name}.notifications.created`, `${one} created |||| %{smart_count} ${many} created`],
      [`resources.${r.name}.notifications.updated`, `${one} updated |||| %{smart_count} ${many} updated`],
      [`resources.${r.name}.notifications.deleted`, `${one} deleted |||| %{smart_count} ${many} deleted`],
    ];
  }),
  ...SINGLETONS.map((s) => [`resources.${s.name}.name`, `${s.label} |||| ${s.label}`]),
  ['ra.auth.username', 'Account'],
]);

export const i18nProvider: I18nProvider = {
  ...defaultI18nProvider,
  translate: (key, options) => {
    const message = messages[key];
    if (message === undefined) return defaultI18nProvider.translate(key, options);
    const count = options?.smart_count as number | undefined;
    const [one, many = one] = message.split('||||').map((s) => s.trim());
    const chosen = count === undefined || count === 1 ? one! : many!;
    return chosen.replace('%{smart_count}', String(count));
  },
};
