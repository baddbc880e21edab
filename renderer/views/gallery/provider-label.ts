import { useProviders } from '../../stores/providers';

/** A provider as the user named it (its label), or its id when it is no longer configured. */
export function useProviderLabel(): (id: string) => string {
  const providers = useProviders((state) => state.providers);
  return (id) => providers.find((provider) => provider.id === id)?.label ?? id;
}
